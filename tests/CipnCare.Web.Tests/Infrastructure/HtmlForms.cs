using System.Net;
using System.Text.RegularExpressions;

namespace CipnCare.Web.Tests.Infrastructure;

/// <summary>Posts server-rendered forms the way a browser without JavaScript does: hidden fields (antiforgery, handler) plus ours.</summary>
public static partial class HtmlForms
{
    /// <summary>
    /// Finds the form by its Blazor form name (the hidden _handler value) or, when <paramref name="formName"/> starts
    /// with '/', by its action, and posts it to its action (or the page itself).
    /// </summary>
    public static async Task<HttpResponseMessage> SubmitAsync(HttpClient client, string pageUrl, string formName, IEnumerable<KeyValuePair<string, string>> fields, CancellationToken cancellationToken)
    {
        var (action, values) = await PrepareAsync(client, pageUrl, formName, fields, cancellationToken);
        using var content = new FormUrlEncodedContent(values);
        return await client.PostAsync(action, content, cancellationToken);
    }

    /// <summary>As <see cref="SubmitAsync"/>, for a form that uploads files (multipart/form-data).</summary>
    public static async Task<HttpResponseMessage> SubmitFilesAsync(HttpClient client, string pageUrl, string formName, IEnumerable<(string Name, string FileName, string Content)> files, CancellationToken cancellationToken)
    {
        var (action, values) = await PrepareAsync(client, pageUrl, formName, [], cancellationToken);
        using var content = new MultipartFormDataContent();
        foreach (var (name, value) in values)
        {
            content.Add(new StringContent(value), name);
        }

        foreach (var (name, fileName, text) in files)
        {
            content.Add(new StringContent(text, System.Text.Encoding.UTF8, "application/json"), name, fileName);
        }

        return await client.PostAsync(action, content, cancellationToken);
    }

    /// <summary>Reads the page and fills the named form (its antiforgery token and hidden fields with <paramref name="fields"/>), without sending it.</summary>
    public static async Task<(string Action, List<KeyValuePair<string, string>> Values)> PrepareAsync(
        HttpClient client, string pageUrl, string formName, IEnumerable<KeyValuePair<string, string>> fields, CancellationToken cancellationToken)
    {
        var html = await client.GetStringAsync(pageUrl, cancellationToken);
        var byAction = formName.StartsWith('/');
        var form = FormPattern().Matches(html).Select(m => m.Value)
            .FirstOrDefault(f => f.Contains(byAction ? $"action=\"{formName}\"" : $"value=\"{formName}\"", StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"No form '{formName}' on {pageUrl}.");
        var supplied = fields.ToList();
        var values = HiddenPattern().Matches(form)
            .Select(m => KeyValuePair.Create(WebUtility.HtmlDecode(m.Groups["name"].Value), WebUtility.HtmlDecode(m.Groups["value"].Value)))
            .Where(h => supplied.All(f => f.Key != h.Key))
            .ToList();
        values.AddRange(supplied);
        return (byAction ? formName : pageUrl, values);
    }

    /// <summary>Signs a cookie-based client in through the sign-in page.</summary>
    public static async Task<HttpClient> SignInAsync(CipnApp app, TestUser user, CancellationToken cancellationToken)
    {
        var client = app.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });
        var response = await SubmitAsync(client, "/account/login", "login", [new("Input.Email", user.Email), new("Input.Password", user.Password)], cancellationToken);
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Sign-in returned {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }

        return client;
    }

    /// <summary>Answers as a browser posts them: booleans "true"/"false", numbers invariant.</summary>
    public static List<KeyValuePair<string, string>> Fields(Dictionary<string, object> answers) =>
        answers.Select(a => KeyValuePair.Create(a.Key, a.Value switch
        {
            bool b => b ? "true" : "false",
            int n => n.ToString(System.Globalization.CultureInfo.InvariantCulture),
            var v => v.ToString()!,
        })).ToList();

    /// <summary>Goes through every step of the check-in as a browser without JavaScript would, then sends it from the review.</summary>
    public static async Task<HttpResponseMessage> CheckInAsync(HttpClient client, Guid patient, Dictionary<string, object> week, CancellationToken cancellationToken, string? submissionKey = null)
    {
        var fields = Fields(week);
        for (var step = 1; step <= 7; step++)
        {
            var next = await SubmitAsync(client, $"/patients/{patient}/check-in?step={step}", "questionnaire", [.. fields, new("action", "next")], cancellationToken);
            Assert.Equal(HttpStatusCode.Redirect, next.StatusCode);
        }

        List<KeyValuePair<string, string>> send = [new("action", "submit")];
        if (submissionKey is not null)
        {
            send.Add(new("submissionKey", submissionKey));
        }

        return await SubmitAsync(client, $"/patients/{patient}/check-in?step=8", "questionnaire", send, cancellationToken);
    }

    /// <summary>The path and query a redirect points to, whether the Location is absolute or relative.</summary>
    public static string RedirectPath(HttpResponseMessage response)
    {
        var location = response.Headers.Location ?? throw new InvalidOperationException($"No redirect: {(int)response.StatusCode}.");
        return location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString;
    }

    [GeneratedRegex("<form[^>]*>.*?</form>", RegexOptions.Singleline)]
    private static partial Regex FormPattern();

    [GeneratedRegex("<input[^>]*type=\"hidden\"[^>]*name=\"(?<name>[^\"]+)\"[^>]*value=\"(?<value>[^\"]*)\"")]
    private static partial Regex HiddenPattern();
}
