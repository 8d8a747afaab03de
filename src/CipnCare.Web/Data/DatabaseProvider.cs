namespace CipnCare.Web.Data;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}
