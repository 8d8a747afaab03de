namespace CipnCare.Web.Features.Smart;

/// <summary>What a FHIR request does, in scope terms: the resource type ("*" for every type) and the permission letters it needs.</summary>
public sealed record FhirInteraction(string ResourceType, string Permissions)
{
    /// <summary>
    /// The interaction of a request under <c>/fhir</c>, or null when it reads no data (<c>/metadata</c>). A read by id or
    /// of a version is r, a search s, a create c, an update u; <c>$everything</c> needs r and s on every type,
    /// <c>$neurotoxic-exposure</c> on MedicationAdministration, a transaction Bundle c on every type.
    /// </summary>
    public static FhirInteraction? Of(string method, PathString path)
    {
        var segments = (path.Value ?? "").Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Length == 0 || segments[0] != "fhir")
        {
            return null;
        }

        if (segments.Length == 1)
        {
            return new("*", HttpMethods.IsPost(method) ? "c" : "rs");
        }

        var type = segments[1];
        if (type == "metadata")
        {
            return null;
        }

        if (segments.Length >= 4 && segments[3] == "$everything")
        {
            return new("*", "rs");
        }

        if (segments.Length >= 4 && segments[3] == "$neurotoxic-exposure")
        {
            return new("MedicationAdministration", "rs");
        }

        var permission = method switch
        {
            _ when HttpMethods.IsGet(method) || HttpMethods.IsHead(method) => segments.Length == 2 ? "s" : "r",
            _ when HttpMethods.IsPost(method) => segments.Length == 3 && segments[2] == "_search" ? "s" : "c",
            _ when HttpMethods.IsPut(method) || HttpMethods.IsPatch(method) => "u",
            _ when HttpMethods.IsDelete(method) => "d",
            _ => "r",
        };
        return new(type, permission);
    }
}
