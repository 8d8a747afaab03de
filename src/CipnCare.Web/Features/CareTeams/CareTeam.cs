namespace CipnCare.Web.Features.CareTeams;

public sealed class CareTeam
{
    public Guid Id { get; set; }
    public string Name { get; set; } = "";

    /// <summary>The number patients are told to call ("contact your care team").</summary>
    public string Phone { get; set; } = "";

    public DateTime CreatedAt { get; set; }
}
