// schema/102_course_code: look-ups of course codes
// params: none
// returns: nothing
CREATE INDEX course_code IF NOT EXISTS FOR (n:Course) ON (n.code)
