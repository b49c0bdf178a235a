// questions/suite_members: a suite's standard, its endorsements and every member with what the checks need
// params: suiteId (string)
// returns: suite (map of the suite's properties), suiteEndorsements (list of {employerId, kind}),
//          members (list of {props, core, position, requires, teaches, endorsements (list of
//          {employerId, kind})})
MATCH (s:Suite {id: $suiteId})
RETURN s {.*, createdAt: null, updatedAt: toString(s.updatedAt)} AS suite,
       [(s)<-[e:ENDORSES]-(emp:Employer) | {employerId: emp.id, kind: e.kind}] AS suiteEndorsements,
       [(s)<-[m:IN_SUITE]-(mc:MicroCredential) | {
          props: mc {.*, createdAt: null, updatedAt: toString(mc.updatedAt)}, core: m.core, position: m.position,
          requires: [(mc)-[:REQUIRES]->(r) | r.id],
          teaches: [(mc)-[:TEACHES]->(c:Competency) | c.id],
          endorsements: [(mc)<-[e:ENDORSES]-(emp:Employer) | {employerId: emp.id, kind: e.kind}]
       }] AS members
