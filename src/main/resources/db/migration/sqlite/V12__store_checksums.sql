-- The checksum the target store will report for a copied object if it holds exactly the bytes sent
-- (S3: the ETag, GCS: the MD5; NULL where the store keeps none): the verify step compares it with
-- the store's listing instead of reading every object back.
ALTER TABLE job_objects ADD COLUMN store_checksum TEXT;
