namespace CipnCare.Web.Features.Operations;

/// <summary>How this app instance names itself where several share a database (outbox claims, job leases), for operators.</summary>
public static class ThisInstance
{
    public static readonly string Name = $"{Environment.MachineName}/{Environment.ProcessId}";
}
