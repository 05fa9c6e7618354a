using System.Collections.Concurrent;
using Microsoft.Playwright;

namespace Sso.Tests.Support;

/// <summary>
/// Records every top-level navigation request of a page, redirects included (Playwright reports
/// each hop of a redirect chain as its own request), so a test can tell which pages a visit
/// passed through, not only where it ended.
/// </summary>
public sealed class NavigationLog : IDisposable
{
    private readonly IPage _page;
    private readonly ConcurrentQueue<Uri> _urls = new();

    public NavigationLog(IPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        _page = page;
        _page.Request += OnRequest;
    }

    public IReadOnlyList<Uri> Urls => [.. _urls];

    public bool Visited(Uri site, string path) =>
        _urls.Any(url => url.GetLeftPart(UriPartial.Authority) == site.GetLeftPart(UriPartial.Authority)
                         && url.AbsolutePath.Equals(path, StringComparison.OrdinalIgnoreCase));

    public override string ToString() => string.Join(Environment.NewLine, _urls.Select(url => url.GetLeftPart(UriPartial.Path)));

    public void Dispose() => _page.Request -= OnRequest;

    private void OnRequest(object? sender, IRequest request)
    {
        if (request.IsNavigationRequest && request.Frame == _page.MainFrame)
        {
            _urls.Enqueue(new Uri(request.Url));
        }
    }
}
