using CipnCare.Web.Features.Messages;

namespace CipnCare.Web.Tests;

/// <summary>In a message, only this site's guidance pages become links (issue #19): a pasted address elsewhere stays text.</summary>
public sealed class ReplyTemplateLinksTests
{
    private const string Site = "https://cipn.example.org/";

    [Fact]
    public void AGuidanceLink_BecomesALink_WithoutItsFullStop()
    {
        var parts = ReplyTemplates.Parts("Read this: https://cipn.example.org/guidance/home-safety. Then call us.", Site).Where(p => p.Text.Length > 0).ToList();
        Assert.Equal(
            [("Read this: ", null), ("https://cipn.example.org/guidance/home-safety", "https://cipn.example.org/guidance/home-safety"), (". Then call us.", null)],
            parts);
    }

    [Theory]
    [InlineData("See https://evil.example/guidance/home-safety now")]
    [InlineData("See https://cipn.example.org/account/login now")]
    [InlineData("No links at all.")]
    public void AnythingElse_StaysText(string paragraph)
    {
        Assert.All(ReplyTemplates.Parts(paragraph, Site), p => Assert.Null(p.Href));
        Assert.Equal(paragraph, string.Concat(ReplyTemplates.Parts(paragraph, Site).Select(p => p.Text)));
    }

    [Fact]
    public void EveryTemplate_LinksOnlyThisSite()
    {
        foreach (var template in ReplyTemplates.All)
        {
            var text = template.Text("Walter", "https://cipn.example.org");
            Assert.Contains("Walter", text, StringComparison.Ordinal);
            Assert.DoesNotContain("http://", text, StringComparison.Ordinal);
        }
    }
}
