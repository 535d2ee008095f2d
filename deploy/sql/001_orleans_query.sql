-- 001_orleans_query.sql
--
-- The query catalogue of Orleans' ADO.NET providers.
--
-- Microsoft.Orleans.{Clustering,Persistence,Reminders}.AdoNet ship no SQL of
-- their own: at start-up every provider runs the fixed statement
--
--     SELECT QueryKey, QueryText FROM OrleansQuery
--
-- (the persistence provider adds a WHERE QueryKey = ... filter) and afterwards
-- executes only the texts it found there, looked up by key. The table name and
-- both column names are therefore dictated by the provider; because they are
-- written unquoted in the provider they fold to lower case, so the table is
-- "orleansquery" with columns "querykey" and "querytext". Npgsql matches the
-- result columns QueryKey/QueryText case-insensitively.
--
-- The query texts are written by the later numbered scripts (010_, 020_, ...)
-- with INSERT ... ON CONFLICT (querykey) DO UPDATE, so re-applying a script
-- replaces a query text in place. Keys must be unique across all providers:
-- the clustering and reminder providers load every row into one dictionary.

CREATE TABLE IF NOT EXISTS orleansquery
(
    querykey  varchar(64) NOT NULL,
    querytext text        NOT NULL,

    CONSTRAINT orleansquery_pkey PRIMARY KEY (querykey)
);
