-- A trained model's file, kept in the shared database so every instance of a cluster can load the
-- newest model, whichever instance trained it.
ALTER TABLE models ADD COLUMN model_bytes BYTEA;
