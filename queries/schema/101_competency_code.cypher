// schema/101_competency_code: look-ups of framework codes (CASE human codes, ESCO codes)
// params: none
// returns: nothing
CREATE INDEX competency_code IF NOT EXISTS FOR (n:Competency) ON (n.code)
