using System.Globalization;
using System.Security.Claims;
using System.Text;
using CipnCare.Web.Features.Patients;

namespace CipnCare.Web.Features.CheckIns;

/// <summary>A patient's check-ins as CSV to take away (<c>GET /api/patients/{id}/export/check-ins.csv</c>), audited like every export.</summary>
public static class CheckInCsv
{
    public static RouteHandlerBuilder MapCheckInCsv(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/patients/{patientId:guid}/export/check-ins.csv", ExportAsync).WithTags("Export").RequireAuthorization()
            .WithSummary("Every check-in as CSV: date, who entered it, scores, grades, falls, notes.");

    public static async Task<IResult> ExportAsync(Guid patientId, ClaimsPrincipal user, PatientQueries patients, CheckInQueries checkIns, CancellationToken cancellationToken)
    {
        var (outcome, _) = await patients.GetAsync(user, patientId, "export check-ins (CSV)", cancellationToken);
        if (outcome != AccessOutcome.Allowed)
        {
            return outcome == AccessOutcome.NotFound ? PatientProblems.NotFound(patientId) : PatientProblems.Forbidden();
        }

        var csv = new StringBuilder("date,entered_by,role,version,symptom_score,sensory_subscale,motor_subscale,autonomic_subscale,sensory_grade,motor_grade,falls,fall_injury,notes\r\n");
        foreach (var c in (await checkIns.HistoryAsync(patientId, cancellationToken)).OrderBy(c => c.At))
        {
            string[] cells =
            [
                c.At.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture), c.EnteredByName, c.EnteredByRole, c.Version,
                Number(c.SymptomScore), Number(c.SensorySubscale), Number(c.MotorSubscale), Number(c.AutonomicSubscale),
                c.SensoryGrade.ToString(CultureInfo.InvariantCulture), c.MotorGrade.ToString(CultureInfo.InvariantCulture),
                c.Falls?.ToString(CultureInfo.InvariantCulture) ?? "", c.FallInjury switch { true => "yes", false => "no", null => "" }, c.Notes ?? "",
            ];
            csv.Append(string.Join(',', cells.Select(Cell))).Append("\r\n");
        }

        return Results.File(Encoding.UTF8.GetBytes(csv.ToString()), "text/csv; charset=utf-8", "check-ins.csv");
    }

    private static string Number(double? value) => value?.ToString("0.##", CultureInfo.InvariantCulture) ?? "";

    /// <summary>
    /// RFC 4180 quoting; a leading =, +, -, @, tab or carriage return is prefixed with ' so spreadsheets do not run it as
    /// a formula (OWASP, "CSV Injection"); a plain number keeps its sign.
    /// </summary>
    public static string Cell(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' && !double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
        {
            value = "'" + value;
        }

        return value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : value;
    }
}
