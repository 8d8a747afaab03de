using CipnCare.Web.Data;
using CipnCare.Web.Features.Demo;
using Microsoft.EntityFrameworkCore;

namespace CipnCare.Web.Tests.Infrastructure;

/// <summary>The demo's people by their sign-in: Maria (the demo patient), Walter (whom the demo carer looks after) and Rosa
/// (who reads it in Spanish).</summary>
public static class DemoPeople
{
    /// <summary>The patient record of the demo patient's account (Maria Santos).</summary>
    public static Task<Guid> MariaAsync(CipnDbContext db) =>
        db.Patients.Where(p => db.Users.Any(u => u.Id == p.UserId && u.Email == DemoSeeder.PatientEmail)).Select(p => p.Id).SingleAsync();

    /// <summary>The patient the demo carer (Anna Schmidt) looks after: her father Walter.</summary>
    public static Task<Guid> WalterAsync(CipnDbContext db) =>
        db.CaregiverLinks.Where(l => db.Users.Any(u => u.Id == l.CaregiverUserId && u.Email == DemoSeeder.CaregiverEmail)).Select(l => l.PatientId).FirstAsync();

    /// <summary>The patient record of the demo's Spanish-reading patient (Rosa Hernández).</summary>
    public static Task<Guid> RosaAsync(CipnDbContext db) =>
        db.Patients.Where(p => db.Users.Any(u => u.Id == p.UserId && u.Email == DemoSeeder.SpanishPatientEmail)).Select(p => p.Id).SingleAsync();
}
