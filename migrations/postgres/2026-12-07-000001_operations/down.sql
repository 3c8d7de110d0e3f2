DROP TABLE operator_groups;
DROP TABLE job_runs;
