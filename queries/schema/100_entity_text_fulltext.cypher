// schema/100_entity_text_fulltext: full-text search over names and descriptions
// params: none
// returns: nothing
CREATE FULLTEXT INDEX entity_text IF NOT EXISTS FOR (n:Competency|MicroCredential|Course|Program) ON EACH [n.name, n.description]
