namespace CipnCare.Web.Features.Accounts;

/// <summary>Where a form may send someone back to: a path on this site, never another site.</summary>
public static class LocalPaths
{
    /// <summary><paramref name="url"/> when it is a path here ("/…", but not "//host" or "/\host", and no control
    /// characters, which a redirect refuses); otherwise the start page.</summary>
    public static string OrStart(string? url) =>
        url is { Length: > 0 } && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\')) && !url.Any(char.IsControl) ? url : "/";
}
