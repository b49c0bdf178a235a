// questions/impact: what retiring or replacing a node would touch, by kind
// params: id (string), limit (int: per list)
// returns: labels (list), requiredBy, taughtBy, facilitationNeededBy, requirements, ruleOwners,
//          transferValues, suites, stacksInto, occupations, supersededBy, alignedWith (lists of ids),
//          learnersHolding (learners who earned it, earned what teaches it, or show it by evidence),
//          learnersOnPath (learners
//          who earned another option of a rule that names it: their plans would change)
MATCH (x:Entity {id: $id})
RETURN labels(x) AS labels,
       [(x)<-[:REQUIRES]-(d) | d.id][..$limit] AS requiredBy,
       [(x)<-[:TEACHES]-(d) | d.id][..$limit] AS taughtBy,
       [(x)<-[:FACILITATION_NEEDS]-(d) | d.id][..$limit] AS facilitationNeededBy,
       [(x)<-[:OPTION]-(r:Requirement) | r.id][..$limit] AS requirements,
       [(x)<-[:OPTION]-(:Requirement)<-[:OPTION*0..6]-(:Requirement)<-[:HAS_REQUIREMENT]-(o) | o.id][..$limit]
         AS ruleOwners,
       [(x)<-[:FROM|FOR]-(tv:TransferValue) | tv.id][..$limit] AS transferValues,
       [(x)-[:IN_SUITE]->(s:Suite) | s.id][..$limit] AS suites,
       [(x)-[:STACKS_INTO]->(t) | t.id][..$limit] AS stacksInto,
       [(x)<-[:NEEDS]-(o:Occupation) | o.id][..$limit] AS occupations,
       [(x)<-[:SUPERSEDES]-(n) | n.id][..$limit] AS supersededBy,
       [(x)-[:ALIGNS]-(a:Competency) | a.id][..$limit] AS alignedWith,
       ([(x)<-[:EARNED]-(l:Learner) | l.id]
        + [(x)<-[:TEACHES]-()<-[:EARNED]-(l:Learner) | l.id]
        + [(x)<-[:DEMONSTRATES]-(:Evidence)<-[:HAS_EVIDENCE]-(l:Learner) | l.id])[..$limit]
         AS learnersHolding,
       [(x)<-[:OPTION]-(:Requirement)-[:OPTION]->(sibling)<-[:EARNED]-(l:Learner)
          WHERE sibling <> x | l.id][..$limit] AS learnersOnPath
