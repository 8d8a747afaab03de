using Hl7.Fhir.Model;
using Microsoft.AspNetCore.WebUtilities;

namespace CipnCare.Web.Fhir;

/// <summary>One page of a search: at most <see cref="Count"/> matches after the first <see cref="Offset"/>.</summary>
public sealed record SearchPage(int Count, int Offset)
{
    /// <summary>The most matches one page holds, and the default of <c>_count</c>.</summary>
    public const int MaxCount = 100;

    /// <summary>
    /// Reads <c>_count</c> (0–100, default 100; a larger count gives 100) and <c>_offset</c> (the matches to skip, as
    /// the <c>next</c> link sends it); a problem for anything else.
    /// </summary>
    public static (SearchPage? Page, FhirResult? Problem) From(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var count = MaxCount;
        if (request.Query["_count"].ToString() is { Length: > 0 } countText && (!int.TryParse(countText, out count) || count < 0))
        {
            return (null, Bad("_count", "_count must be a whole number of 0 or more."));
        }

        var offset = 0;
        if (request.Query["_offset"].ToString() is { Length: > 0 } offsetText && (!int.TryParse(offsetText, out offset) || offset < 0))
        {
            return (null, Bad("_offset", "_offset must be a whole number of 0 or more (use the Bundle's next link)."));
        }

        return (new SearchPage(Math.Min(count, MaxCount), offset), null);
    }

    /// <summary>This page of a list already in memory.</summary>
    public IEnumerable<T> Of<T>(IEnumerable<T> all) => all.Skip(Offset).Take(Count);

    private static FhirResult Bad(string parameter, string message) =>
        FhirResult.Problem(StatusCodes.Status400BadRequest, Outcomes.Error(OperationOutcome.IssueType.Invalid, message, parameter));
}

public static class Bundles
{
    /// <summary>
    /// A searchset of every match (in memory) whose <c>meta.lastUpdated</c> meets the request's <c>_lastUpdated</c>,
    /// paged by its <c>_count</c> and <c>_offset</c>; 400 for a bad one.
    /// </summary>
    public static FhirResult Paged(HttpRequest request, IReadOnlyList<Resource> matches)
    {
        ArgumentNullException.ThrowIfNull(matches);
        var (changed, badDate) = LastUpdated(request);
        var (page, problem) = SearchPage.From(request);
        if ((badDate ?? problem) is { } refused)
        {
            return refused;
        }

        var found = request.Query.ContainsKey("_lastUpdated") ? matches.Where(changed).ToList() : matches;
        return new FhirResult(Searchset(FhirApi.BaseUrl(request), request, found.Count, page!.Of(found), page));
    }

    /// <summary>
    /// The request's <c>_lastUpdated</c> (a date or dateTime with <c>eq</c>/<c>ge</c>/<c>gt</c>/<c>le</c>/<c>lt</c>; may
    /// repeat, every one must hold) as a test of <c>meta.lastUpdated</c> (<see cref="FhirCodes.ChangedAt"/>); a problem
    /// for a value that is not a date.
    /// </summary>
    public static (Func<Resource, bool> Matches, FhirResult? Problem) LastUpdated(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var ranges = new List<(DateTime From, DateTime To)>();
        foreach (var value in request.Query["_lastUpdated"])
        {
            if (ResponseMapper.DateRange(value ?? "") is not { } range)
            {
                return (_ => false, FhirInstrumentsApi.BadDate("_lastUpdated", value));
            }

            ranges.Add(range);
        }

        return (r => ranges.All(range => r.Meta?.LastUpdated is { } updated && updated.UtcDateTime >= range.From && updated.UtcDateTime < range.To), null);
    }

    /// <summary>
    /// A searchset Bundle: every resource a match, each with its full URL, and <c>total</c>. With a
    /// <paramref name="page"/>, <c>first</c>, <c>previous</c> and <c>next</c> links page through the matches.
    /// </summary>
    public static Bundle Searchset(string baseUrl, HttpRequest request, int total, IEnumerable<Resource> resources, SearchPage? page = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        var bundle = new Bundle
        {
            Type = Bundle.BundleType.Searchset,
            Total = total,
            Link = [Link("self", baseUrl, request, page?.Offset)],
        };
        if (page is not null)
        {
            bundle.Link.Add(Link("first", baseUrl, request, 0));
            if (page.Offset > 0)
            {
                bundle.Link.Add(Link("previous", baseUrl, request, Math.Max(0, page.Offset - page.Count)));
            }

            if (page.Count > 0 && (long)page.Offset + page.Count < total) // long: an _offset near int.MaxValue must not wrap round to page 1
            {
                bundle.Link.Add(Link("next", baseUrl, request, page.Offset + page.Count));
            }
        }

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

    /// <summary>The request's own URL, with <c>_offset</c> set (or left as it was when <paramref name="offset"/> is null).</summary>
    private static Bundle.LinkComponent Link(string relation, string baseUrl, HttpRequest request, int? offset)
    {
        var path = $"{baseUrl}{request.Path.Value!["/fhir".Length..]}";
        if (offset is null)
        {
            return new Bundle.LinkComponent { Relation = relation, Url = $"{path}{request.QueryString}" };
        }

        var query = request.Query.Where(q => q.Key != "_offset").SelectMany(q => q.Value.Select(v => new KeyValuePair<string, string?>(q.Key, v))).ToList();
        if (offset > 0)
        {
            query.Add(new("_offset", offset.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        return new Bundle.LinkComponent { Relation = relation, Url = QueryHelpers.AddQueryString(path, query) };
    }
}
