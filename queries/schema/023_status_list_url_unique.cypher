// schema/023_status_list_url_unique: one counter per Bitstring Status List an institution publishes
// params: none
// returns: nothing
CREATE CONSTRAINT status_list_url_unique IF NOT EXISTS FOR (s:StatusList) REQUIRE s.url IS UNIQUE
