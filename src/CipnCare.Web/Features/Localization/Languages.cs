using System.Globalization;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CipnCare.Web.Features.Localization;

/// <summary>
/// The languages patients and carers can read CIPN Care in (issue #20): English and Spanish. Only the UI culture
/// changes: numbers, dates typed into forms and everything parsed keep one culture (the invariant one), so a dose of
/// "1.5" can never be read as 15 because a page is in Spanish. The choice lives in the standard culture cookie (set
/// by the language buttons and at sign-in from the account's saved choice); without one, the browser's
/// Accept-Language decides.
/// </summary>
public static class Languages
{
    public const string English = "en";
    public const string Spanish = "es";

    /// <summary>How long a stored language code may be (an account's choice, a response's, a message's, a thread's).</summary>
    public const int CodeMaxLength = 8;

    public static IReadOnlyList<string> Supported { get; } = [English, Spanish];

    /// <summary>Each language's name in itself, for the buttons that switch to it.</summary>
    public static string NameOf(string language) => language == Spanish ? "Español" : "English";

    /// <summary>The language of the page being rendered ("en" or "es").</summary>
    public static string Current => Of(CultureInfo.CurrentUICulture.TwoLetterISOLanguageName);

    /// <summary>A supported language for a code ("es-MX" → "es"); English for anything else.</summary>
    public static string Of(string? code)
    {
        var language = code?.Split('-', '_')[0].Trim().ToLowerInvariant();
        return language is not null && Supported.Contains(language) ? language : English;
    }

    /// <summary>True when <paramref name="code"/> names a supported language (not just falls back to English).</summary>
    public static bool IsSupported(string? code) => code is not null && Supported.Contains(code.Split('-', '_')[0].Trim().ToLowerInvariant());

    /// <summary>
    /// The language a response says its questions were shown in, so of any free text (a FHIR QuestionnaireResponse's
    /// <c>language</c>, the check-in API's <c>language</c>): a supported one ("es-MX" → "es"), or null when none is said.
    /// One the questionnaires are not offered in is refused into <paramref name="errors"/> rather than stored as English,
    /// where its words would reach the English-only safety check as if it could read them (issue #20).
    /// </summary>
    public static string? Stated(string? said, IDictionary<string, string> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (string.IsNullOrWhiteSpace(said))
        {
            return null;
        }

        said = said.Trim();
        if (!IsSupported(said))
        {
            errors["language"] = $"language '{said}' is not one the questionnaires are offered in ({string.Join(", ", Supported)}).";
            return null;
        }

        return Of(said);
    }

    /// <summary>The language's name in English for clinicians ("Spanish"), when free text was written in it.</summary>
    public static string EnglishNameOf(string language) => CultureInfo.GetCultureInfo(Of(language)).EnglishName;

    /// <summary>Renders what follows in <paramref name="language"/> (an email to someone who chose it), until disposed.</summary>
    public static IDisposable Use(string? language)
    {
        var before = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(Of(language));
        return new Restore(before);
    }

    /// <summary>Keeps the choice in the culture cookie for a year (the UI culture only; see the class comment).</summary>
    public static void Remember(HttpContext context, string language)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(CultureInfo.InvariantCulture, CultureInfo.GetCultureInfo(Of(language)))),
            new CookieOptions { MaxAge = TimeSpan.FromDays(365), HttpOnly = true, Secure = context.Request.IsHttps, SameSite = SameSiteMode.Lax, IsEssential = true });
    }

    /// <summary>A localizer for code that dependency injection does not make (a static helper, a library built at
    /// start-up): it reads the UI culture at each call, like an injected one.</summary>
    public static IStringLocalizer<T> LocalizerFor<T>() => new StringLocalizer<T>(Factory);

    private static readonly ResourceManagerStringLocalizerFactory Factory = new(Options.Create(new LocalizationOptions()), NullLoggerFactory.Instance);

    /// <summary>Request localization: English and Spanish texts, one culture for numbers and dates typed in.</summary>
    public static void Configure(RequestLocalizationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var ui = Supported.Select(CultureInfo.GetCultureInfo).ToList();
        options.DefaultRequestCulture = new RequestCulture(CultureInfo.InvariantCulture, ui[0]);
        options.SupportedCultures = [CultureInfo.InvariantCulture];
        options.SupportedUICultures = ui;
        options.FallBackToParentUICultures = true; // es-MX, es-419 … read Spanish
        options.RequestCultureProviders = [new CookieRequestCultureProvider(), new AcceptLanguageHeaderRequestCultureProvider()];
    }

    private sealed class Restore(CultureInfo before) : IDisposable
    {
        public void Dispose() => CultureInfo.CurrentUICulture = before;
    }
}
