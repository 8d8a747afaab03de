using System.Net;
using System.Text;

namespace CipnCare.Browser.Tests.Infrastructure;

/// <summary>A few fixed pages on a local port (a third-party web app, as the browser sees one): path → (content type, body).</summary>
public sealed class StaticSite : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Dictionary<string, (string ContentType, string Body)> _pages;

    private StaticSite(string prefix, Dictionary<string, (string ContentType, string Body)> pages)
    {
        _pages = pages;
        _listener.Prefixes.Add(prefix);
        _listener.Start();
        _ = Task.Run(ServeAsync);
    }

    public static StaticSite Start(string prefix, Dictionary<string, (string ContentType, string Body)> pages) => new(prefix, pages);

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            using var response = context.Response;
            if (_pages.TryGetValue(context.Request.Url!.AbsolutePath, out var page))
            {
                var bytes = Encoding.UTF8.GetBytes(page.Body);
                response.ContentType = page.ContentType + "; charset=utf-8";
                await response.OutputStream.WriteAsync(bytes);
            }
            else
            {
                response.StatusCode = 404;
            }
        }
    }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
    }
}
