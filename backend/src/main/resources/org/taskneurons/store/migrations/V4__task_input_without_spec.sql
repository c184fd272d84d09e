-- A stored task no longer carries its experiment's spec: the spec is stored once, in
-- experiments.spec_json, and the scheduler narrows it to each task when it leases one. Inputs
-- stored before, {"v":1,"spec":{...},"task":{...}}, had the spec (seed list and all) copied
-- into every task; they become {"v":1,"task":{...}}. The spec copy equals the experiment's
-- spec_json (both were written from one parsed spec), so nothing is lost. ,"task":{ can only
-- be the planned task's field: inside a JSON string every quote is escaped, and no field of
-- a spec named task holds an object.
UPDATE tasks
SET input_json = '{"v":1,' || SUBSTRING(input_json FROM POSITION(',"task":{' IN input_json) + 1)
WHERE input_json LIKE '{"v":1,"spec":{%' AND POSITION(',"task":{' IN input_json) > 0;
