-- The person behind the request that started a run (an API key's owner, else the actor's name): the four-eyes rule
-- compares it with the reviewer's, so a person and their keys count as one. NULL on runs stored before: requested_by.
ALTER TABLE optimizations ADD COLUMN requested_principal TEXT;
