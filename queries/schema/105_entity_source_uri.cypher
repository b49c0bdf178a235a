// schema/105_entity_source_uri: importers find nodes by their source URI
// params: none
// returns: nothing
CREATE INDEX entity_source_uri IF NOT EXISTS FOR (n:Entity) ON (n.sourceUri)
