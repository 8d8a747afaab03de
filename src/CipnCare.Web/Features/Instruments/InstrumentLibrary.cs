using System.Linq.Expressions;
using System.Security.Claims;
using System.Text.Json.Nodes;
using CipnCare.Clinical.Instruments;
using CipnCare.Web.Data;
using CipnCare.Web.Features.Accounts;
using CipnCare.Web.Features.Audit;
using CipnCare.Web.Features.Localization;
using CipnCare.Web.Features.Outcomes;
using LinqKit;
using Microsoft.EntityFrameworkCore;

namespace CipnCare.Web.Features.Instruments;

/// <summary>An instrument version as stored, with its parsed definition.</summary>
public sealed record LoadedInstrument(Instrument Row, InstrumentDefinition Definition);

public sealed record InstrumentSummary(Guid Id, string Url, string Version, string Name, string Title, string Status, string Source, int Questions, IReadOnlyList<string> ScoreCodes);

/// <summary>The stored instrument version; <paramref name="Replaced"/> when it replaced an unanswered upload of the same version.</summary>
public sealed record Uploaded(Guid Id, bool Replaced);

/// <summary>
/// The instruments the app knows: the shipped ones (files under Instruments/, our own wording, loaded at start-up)
/// and those a site uploads (licensed instruments, with the site's own licensed wording). Definitions are parsed
/// from the stored JSON, so what scores a response is exactly what was stored for its version.
/// </summary>
public sealed partial class InstrumentLibrary(CipnDbContext db, IQuestionnaireReader reader, ParsedInstruments cache, AuditLog audit, TimeProvider clock, ILogger<InstrumentLibrary> logger)
{
    public const string ShippedFolder = "Instruments";
    public const string CheckInUrl = "https://cipncare.org/fhir/Questionnaire/cipn-checkin";
    public const string FallsScreenUrl = "https://cipncare.org/fhir/Questionnaire/cipn-falls-screen";
    public const string WorstPainUrl = "https://cipncare.org/fhir/Questionnaire/cipn-worst-pain";

    /// <summary>
    /// The ids of every stored check-in version, as a subquery for a query that wants check-ins only (one read with it, not
    /// a read of its own first).
    /// </summary>
    public static IQueryable<Guid> CheckInVersions(CipnDbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Instruments.Where(i => i.Url == CheckInUrl).Select(i => i.Id);
    }

    /// <summary>Parses a questionnaire and its scoring and checks them together; problems in plain words.</summary>
    public (InstrumentDefinition? Definition, QuestionnaireText Questionnaire, IReadOnlyList<string> Problems) Read(string questionnaireJson, string scoringJson) =>
        Check(reader.Read(questionnaireJson), scoringJson);

    /// <summary>Checks a read questionnaire and its scoring together; problems in plain words.</summary>
    public static (InstrumentDefinition? Definition, QuestionnaireText Questionnaire, IReadOnlyList<string> Problems) Check(QuestionnaireText questionnaire, string scoringJson)
    {
        ArgumentNullException.ThrowIfNull(questionnaire);
        var (scoring, scoringProblem) = ScoringFile.Parse(scoringJson);
        var problems = questionnaire.Problems.ToList();
        if (scoringProblem is not null)
        {
            problems.Add(scoringProblem);
        }

        if (!questionnaire.IsQuestionnaire || scoring is null)
        {
            return (null, questionnaire, problems);
        }

        var definition = new InstrumentDefinition(questionnaire.Url, questionnaire.Version, questionnaire.Name, questionnaire.Title, questionnaire.Items, scoring, questionnaire.TitleTranslations);
        problems.AddRange(DefinitionCheck.Problems(definition));
        if (questionnaire.Status is not ("active" or "draft" or "retired"))
        {
            problems.Add("The questionnaire status must be active, draft or retired.");
        }

        return (problems.Count == 0 ? definition : null, questionnaire, problems);
    }

    /// <summary>Loads the shipped instruments whose version is not stored yet. A shipped file that does not parse stops start-up.</summary>
    public async Task EnsureShippedAsync(CancellationToken cancellationToken)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, ShippedFolder);
        foreach (var questionnaireFile in Directory.EnumerateFiles(folder, "*.questionnaire.json").Order(StringComparer.Ordinal))
        {
            var scoringFile = questionnaireFile.Replace(".questionnaire.json", ".scoring.json", StringComparison.Ordinal);
            var (questionnaireJson, scoringJson) = (await File.ReadAllTextAsync(questionnaireFile, cancellationToken), await File.ReadAllTextAsync(scoringFile, cancellationToken));
            if (await IsStoredAsItIsAsync(questionnaireJson, scoringJson, cancellationToken))
            {
                continue;
            }

            var (definition, parsed, problems) = Read(questionnaireJson, scoringJson);
            if (definition is null)
            {
                throw new InvalidOperationException($"Shipped instrument {Path.GetFileName(questionnaireFile)} is not valid: {string.Join(" ", problems)}");
            }

            var stored = await db.Instruments.FirstOrDefaultAsync(i => i.Url == definition.Url && i.Version == definition.Version, cancellationToken);
            if (stored is not null)
            {
                if (stored.Source == InstrumentSource.Shipped && stored.ScoringJson != scoringJson && SameScoring(stored.ScoringJson, scoringJson))
                {
                    // Only the watched alert items (or the description) changed: they decide who is told, never a stored score.
                    stored.ScoringJson = scoringJson;
                    cache.Forget(stored.Id);
                    LogAlertsUpdated(logger, definition.Url, definition.Version);
                }

                if (stored.Source == InstrumentSource.Shipped && stored.QuestionnaireJson != questionnaireJson && SameExcept(stored.QuestionnaireJson, questionnaireJson, "id", "title", "status", "date", "description"))
                {
                    // Only what describes it changed (the falls screen's description named an internal file; check-in 1.0.0
                    // became "retired" when 1.1.0 arrived, issue #13; Spanish words were added, issue #20): no question,
                    // option or score did, so what FHIR serves and pages show follows the file.
                    stored.QuestionnaireJson = questionnaireJson;
                    cache.Forget(stored.Id);
                    LogDescriptionUpdated(logger, definition.Url, definition.Version);
                }

                if (stored.Source == InstrumentSource.Shipped && parsed.Status == "retired" && stored.Status != "retired")
                {
                    // A newer version replaced it (check-in 1.0.0 by 1.1.0): its answers stay as they are; it takes no new ones.
                    stored.Status = "retired";
                    LogRetired(logger, definition.Url, definition.Version);
                }

                continue;
            }

            db.Instruments.Add(NewRow(definition, parsed.Status, InstrumentSource.Shipped, questionnaireJson, scoringJson, null));
            LogLoaded(logger, definition.Url, definition.Version);
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// A start's usual case: the shipped file is stored exactly as it is, so there is nothing to load, update or retire,
    /// and nothing to parse. Reading FHIR was most of what this method cost, and a quarter of a published instance's CPU to
    /// ready: the first FHIR read compiles the SDK's reader (issue #14). An instance still pays that once, at its first
    /// check-in or questionnaire page, and an instance that serves none never does. A stored version that is still active
    /// while its file says retired is not "as it is": the full path below retires it.
    /// </summary>
    private async Task<bool> IsStoredAsItIsAsync(string questionnaireJson, string scoringJson, CancellationToken cancellationToken)
    {
        string? status;
        try
        {
            status = JsonNode.Parse(questionnaireJson) is JsonObject questionnaire && questionnaire["status"] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
        }
        catch (System.Text.Json.JsonException)
        {
            return false; // the full path names the file and says what is wrong
        }

        var retired = status == "retired";
        return await db.Instruments.AnyAsync(i => i.Source == InstrumentSource.Shipped && i.QuestionnaireJson == questionnaireJson && i.ScoringJson == scoringJson
            && (!retired || i.Status == "retired"), cancellationToken);
    }

    /// <summary>
    /// Stores a site's instrument version (admins only; the endpoint enforces the role). The same url and version may
    /// be replaced only while nothing has answered it; otherwise the site must publish a new version.
    /// </summary>
    public async Task<Outcome<Uploaded>> UploadAsync(ClaimsPrincipal user, string questionnaireJson, string scoringJson, CancellationToken cancellationToken)
    {
        const string action = "upload instrument";
        var (definition, parsed, problems) = Read(questionnaireJson, scoringJson);
        if (definition is null)
        {
            await audit.RecordAsync(user, action, AuditOutcome.Invalid, null, string.Join(" ", problems), cancellationToken: cancellationToken);
            return Outcome.Invalid(problems.Select((p, i) => (Key: $"problems[{i}]", p)).ToDictionary(e => e.Key, e => e.p));
        }

        var existing = await db.Instruments.FirstOrDefaultAsync(i => i.Url == definition.Url && i.Version == definition.Version, cancellationToken);
        if (existing is not null)
        {
            if (existing.Source == InstrumentSource.Shipped || await db.InstrumentResponses.AnyAsync(r => r.InstrumentId == existing.Id, cancellationToken))
            {
                await audit.RecordAsync(user, action, AuditOutcome.Invalid, null, $"{definition.Url}|{definition.Version} already in use", cancellationToken: cancellationToken);
                return Outcome.Conflict("version",
                    $"{definition.Title} version {definition.Version} is {(existing.Source == InstrumentSource.Shipped ? "shipped with CIPN Care" : "already answered")} and cannot be changed. Publish it under a new version.");
            }

            db.Instruments.Remove(existing);
        }

        var row = NewRow(definition, parsed.Status, InstrumentSource.Uploaded, questionnaireJson, scoringJson, user.RequiredUserId());
        db.Instruments.Add(row);
        audit.Add(user, action, AuditOutcome.Success, null, $"{definition.Url}|{definition.Version}" + (existing is null ? "" : " (replaced an unanswered upload)"));
        await db.SaveChangesAsync(cancellationToken);
        return Outcome.Ok(new Uploaded(row.Id, Replaced: existing is not null));
    }

    /// <summary>
    /// Every stored version that can be read, by URL and then oldest first. The rows are read without their JSON and the
    /// definitions come from this process's parsed versions: every patient page lists the instruments, and parsing them
    /// all again was a quarter of its CPU (issue #17).
    /// </summary>
    public async Task<List<InstrumentSummary>> ListAsync(CancellationToken cancellationToken)
    {
        var headers = await AllQuery.For(db)(db).ToListAsync(cancellationToken); // all read before a version not parsed yet is read whole (one command at a time on a connection)
        var summaries = new List<InstrumentSummary>();
        foreach (var header in headers)
        {
            if (await LoadAsync(header, cancellationToken) is { } loaded)
            {
                summaries.Add(Summary(loaded));
            }
        }

        return summaries;
    }

    /// <summary>The version named, or — without a version — the newest active version of the URL.</summary>
    public Task<LoadedInstrument?> FindAsync(string url, string? version, CancellationToken cancellationToken) =>
        LoadAsync(version is { Length: > 0 } ? ByVersionQuery.For(db)(db, url, version, cancellationToken) : NewestActiveQuery.For(db)(db, url, cancellationToken), cancellationToken);

    public Task<LoadedInstrument?> FindAsync(Guid id, CancellationToken cancellationToken) =>
        LoadAsync(ByIdQuery.For(db)(db, id, cancellationToken), cancellationToken);

    /// <summary>
    /// The definition of a stored version (its items and scoring), to read a stored response with: from this process's
    /// parsed versions without a read when it has one (a version's content never changes while instances run).
    /// </summary>
    public async Task<InstrumentDefinition> DefinitionAsync(Guid id, CancellationToken cancellationToken) =>
        cache.Find(id)?.Definition
        ?? (await FindAsync(id, cancellationToken))?.Definition
        ?? throw new InvalidOperationException($"Instrument {id} is not stored, or cannot be read.");

    /// <summary>
    /// The instrument <paramref name="reading"/> finds (its row without the JSON documents), parsed. A version already
    /// parsed in this process is not read again (its two JSON documents are most of the row): a stored version's content
    /// never changes while instances run — an upload that replaces an unanswered one is a new row, and the start-up update
    /// of a shipped version's description or alert items happens before an instance serves (issue #17).
    /// </summary>
    private async Task<LoadedInstrument?> LoadAsync(Task<Instrument?> reading, CancellationToken cancellationToken) =>
        await reading is { } header ? await LoadAsync(header, cancellationToken) : null;

    /// <summary>A row read without its JSON documents (<see cref="Header"/>), found parsed or read whole and parsed.</summary>
    private async Task<LoadedInstrument?> LoadAsync(Instrument header, CancellationToken cancellationToken)
    {
        if (cache.Find(header.Id) is { } known)
        {
            (header.QuestionnaireJson, header.ScoringJson) = (known.Questionnaire, known.Scoring);
            return new(header, known.Definition);
        }

        var row = await db.Instruments.AsNoTracking().FirstAsync(i => i.Id == header.Id, cancellationToken);
        return Parse(row);
    }

    /// <summary>A stored version's row without its two JSON documents (most of the row).</summary>
    private static readonly Expression<Func<Instrument, Instrument>> Header = i => new Instrument
    {
        Id = i.Id,
        Url = i.Url,
        Version = i.Version,
        Name = i.Name,
        Title = i.Title,
        Status = i.Status,
        Source = i.Source,
        LoadedAt = i.LoadedAt,
        LoadedByUserId = i.LoadedByUserId,
    };

    // Every check-in reads one of these: compiled once (Data/CompiledQuery.cs, issue #17).
    private static readonly CompiledQuery<Func<CipnDbContext, string, string, CancellationToken, Task<Instrument?>>> ByVersionQuery = new(() =>
    {
        Expression<Func<CipnDbContext, string, string, CancellationToken, Instrument?>> query = (db, url, version, _) =>
            db.Instruments.AsNoTracking().Where(i => i.Url == url && i.Version == version).Select(i => Header.Invoke(i)).FirstOrDefault();
        return EF.CompileAsyncQuery(query.Expand());
    });

    private static readonly CompiledQuery<Func<CipnDbContext, string, CancellationToken, Task<Instrument?>>> NewestActiveQuery = new(() =>
    {
        Expression<Func<CipnDbContext, string, CancellationToken, Instrument?>> query = (db, url, _) =>
            db.Instruments.AsNoTracking().Where(i => i.Url == url && i.Status == "active").OrderByDescending(i => i.LoadedAt).Select(i => Header.Invoke(i)).FirstOrDefault();
        return EF.CompileAsyncQuery(query.Expand());
    });

    private static readonly CompiledQuery<Func<CipnDbContext, IAsyncEnumerable<Instrument>>> AllQuery = new(() =>
    {
        Expression<Func<CipnDbContext, IQueryable<Instrument>>> query = db =>
            db.Instruments.AsNoTracking().OrderBy(i => i.Url).ThenBy(i => i.LoadedAt).Select(i => Header.Invoke(i));
        return EF.CompileAsyncQuery(query.Expand());
    });

    private static readonly CompiledQuery<Func<CipnDbContext, Guid, CancellationToken, Task<Instrument?>>> ByIdQuery = new(() =>
    {
        Expression<Func<CipnDbContext, Guid, CancellationToken, Instrument?>> query = (db, id, _) =>
            db.Instruments.AsNoTracking().Where(i => i.Id == id).Select(i => Header.Invoke(i)).FirstOrDefault();
        return EF.CompileAsyncQuery(query.Expand());
    });

    public static InstrumentSummary Summary(LoadedInstrument loaded)
    {
        ArgumentNullException.ThrowIfNull(loaded);
        var (row, definition) = (loaded.Row, loaded.Definition);
        return new(row.Id, row.Url, row.Version, row.Name, definition.In(Languages.Current).Title, row.Status, row.Source.ToString(), definition.Items.Count(i => i.IsQuestion), definition.Scoring.Codes.ToList());
    }

    private LoadedInstrument? Parse(Instrument row)
    {
        var (definition, _, problems) = Read(row.QuestionnaireJson, row.ScoringJson);
        if (definition is null)
        {
            LogUnreadable(logger, row.Id, string.Join(" ", problems));
            return null;
        }

        cache.Remember(row, definition);
        return new(row, definition);
    }

    private Instrument NewRow(InstrumentDefinition definition, string status, InstrumentSource source, string questionnaireJson, string scoringJson, string? userId) => new()
    {
        Id = Guid.CreateVersion7(),
        Url = definition.Url,
        Version = definition.Version,
        Name = definition.Name,
        Title = definition.Title,
        Status = status,
        Source = source,
        QuestionnaireJson = questionnaireJson,
        ScoringJson = scoringJson,
        LoadedAt = clock.GetUtcNow().UtcDateTime,
        LoadedByUserId = userId,
    };

    /// <summary>Whether two scoring files score the same way: equal but for the "alerts" list and the description.</summary>
    private static bool SameScoring(string a, string b) => SameExcept(a, b, "alerts", "description");

    /// <summary>Whether two JSON documents are equal but for the named top-level properties and the extensions of the
    /// words (<c>_text</c>, <c>_display</c>, <c>_title</c>: where the translations live, issue #20), which change no
    /// question, option, code or score. A translation is words only; a change of meaning is a new version.</summary>
    private static bool SameExcept(string a, string b, params string[] properties)
    {
        JsonNode? Without(string json)
        {
            var node = JsonNode.Parse(json);
            if (node is JsonObject o)
            {
                foreach (var property in properties)
                {
                    o.Remove(property);
                }
            }

            WithoutPrimitiveExtensions(node);
            return node;
        }

        return JsonNode.DeepEquals(Without(a), Without(b));
    }

    private static void WithoutPrimitiveExtensions(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var name in o.Select(p => p.Key).Where(k => k is "_text" or "_display" or "_title").ToList())
                {
                    o.Remove(name);
                }

                foreach (var (_, child) in o)
                {
                    WithoutPrimitiveExtensions(child);
                }

                break;
            case JsonArray array:
                foreach (var child in array)
                {
                    WithoutPrimitiveExtensions(child);
                }

                break;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Shipped instrument {Url} version {Version}: alert items updated (scores unchanged)")]
    private static partial void LogAlertsUpdated(ILogger logger, string url, string version);

    [LoggerMessage(Level = LogLevel.Information, Message = "Shipped instrument {Url} version {Version}: description or status updated (questions unchanged)")]
    private static partial void LogDescriptionUpdated(ILogger logger, string url, string version);

    [LoggerMessage(Level = LogLevel.Information, Message = "Shipped instrument {Url} version {Version} retired: it takes no new responses")]
    private static partial void LogRetired(ILogger logger, string url, string version);

    [LoggerMessage(Level = LogLevel.Information, Message = "Loaded shipped instrument {Url} version {Version}")]
    private static partial void LogLoaded(ILogger logger, string url, string version);

    [LoggerMessage(Level = LogLevel.Error, Message = "Stored instrument {Id} no longer parses: {Problems}")]
    private static partial void LogUnreadable(ILogger logger, Guid id, string problems);
}
