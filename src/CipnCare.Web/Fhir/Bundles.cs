using Hl7.Fhir.Model;

namespace CipnCare.Web.Fhir;

public static class Bundles
{
    /// <summary>A searchset Bundle: every resource a match, each with its full URL.</summary>
    public static Bundle Searchset(string baseUrl, HttpRequest request, int total, IEnumerable<Resource> resources)
    {
        var bundle = new Bundle
        {
            Type = Bundle.BundleType.Searchset,
            Total = total,
            Link = [new Bundle.LinkComponent { Relation = "self", Url = $"{baseUrl}{request.Path.Value!["/fhir".Length..]}{request.QueryString}" }],
        };
        foreach (var resource in resources)
        {
            bundle.Entry.Add(new Bundle.EntryComponent
            {
                FullUrl = $"{baseUrl}/{resource.TypeName}/{resource.Id}",
                Resource = resource,
                Search = new Bundle.SearchComponent { Mode = Bundle.SearchEntryMode.Match },
            });
        }

        return bundle;
    }
}
