// schema/104_occupation_code: ISCO / ESCO / O*NET code look-ups
// params: none
// returns: nothing
CREATE INDEX occupation_code IF NOT EXISTS FOR (n:Occupation) ON (n.code)
