namespace CipnCare.Web.Features.Smart;

/// <summary>What a FHIR request does, in scope terms: the resource type ("*" for every type) and the permission letters it needs.</summary>
public sealed record FhirInteraction(string ResourceType, string Permissions)
{
    /// <summary>
    /// The interaction of a request under <c>/fhir</c>, or null when it reads no data (<c>/metadata</c>, SMART discovery)
    /// or checks the scopes itself: a bulk <c>$export</c> narrows its types to the granted ones, and its status and files
    /// answer only the token's own client (<see cref="Fhir.Bulk.BulkExportApi"/>).
    /// A read by id or of a version is r, a search s, a create c, an update u; <c>$everything</c> needs r and s on every
    /// type, <c>$neurotoxic-exposure</c> on MedicationAdministration, a transaction Bundle c on every type, any other
    /// operation everything. Matched without regard to case, as routing matches (a type is named as the scopes spell it).
    /// </summary>
    public static FhirInteraction? Of(string method, PathString path)
    {
        var segments = (path.Value ?? "").Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Length == 0 || !Is(segments[0], "fhir"))
        {
            return null;
        }

        if (segments.Length == 1)
        {
            return new("*", HttpMethods.IsPost(method) ? "c" : "rs");
        }

        if (Is(segments[1], "metadata") || (Is(segments[1], ".well-known") && HttpMethods.IsGet(method))
            || Is(segments[1], "bulk-status") || Is(segments[1], "bulk-files") || segments.Any(s => Is(s, "$export")))
        {
            return null;
        }

        if (segments.Skip(1).FirstOrDefault(s => s.StartsWith('$')) is { } operation)
        {
            return Is(operation, "$everything") ? new("*", "rs")
                : Is(operation, "$neurotoxic-exposure") ? new("MedicationAdministration", "rs")
                : new("*", "cruds");
        }

        var type = SmartScopes.ResourceTypes.FirstOrDefault(t => Is(t, segments[1])) ?? segments[1];
        var permission = method switch
        {
            _ when HttpMethods.IsGet(method) || HttpMethods.IsHead(method) => segments.Length == 2 ? "s" : "r",
            _ when HttpMethods.IsPost(method) => segments.Length == 3 && Is(segments[2], "_search") ? "s" : "c",
            _ when HttpMethods.IsPut(method) || HttpMethods.IsPatch(method) => "u",
            _ when HttpMethods.IsDelete(method) => "d",
            _ => "cruds",
        };
        return new(type, permission);
    }

    private static bool Is(string segment, string name) => string.Equals(segment, name, StringComparison.OrdinalIgnoreCase);
}
