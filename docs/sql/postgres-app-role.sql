-- CIPN Care on PostgreSQL: a login role for the running app that cannot change or remove audit rows
-- (ONC 170.315(d)(2); issue #15). Run as the database owner after `dotnet CipnCare.Web.dll migrate`, which itself runs
-- with the owner's connection string. The app then connects as cipncare_app (ConnectionStrings__Default).
-- psql "host=… dbname=cipncare user=owner" -v app_password="'…'" -f docs/sql/postgres-app-role.sql

DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'cipncare_app') THEN
    CREATE ROLE cipncare_app LOGIN;
  END IF;
END
$$;
ALTER ROLE cipncare_app PASSWORD :app_password;

GRANT CONNECT ON DATABASE :"DBNAME" TO cipncare_app;
GRANT USAGE ON SCHEMA public TO cipncare_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO cipncare_app;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO cipncare_app;
-- Tables later migrations add get the same rights (the owner runs the migrations).
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO cipncare_app;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO cipncare_app;

-- The audit trail: the app adds and reads events, never changes or removes them.
REVOKE UPDATE, DELETE, TRUNCATE ON "AuditEvents" FROM cipncare_app;
