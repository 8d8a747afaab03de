namespace CipnCare.Web.Features.CareTeams;

/// <summary>A clinician's membership of a care team: they see that team's patients.</summary>
public sealed class CareTeamMember
{
    public Guid CareTeamId { get; set; }
    public string UserId { get; set; } = "";
}
