using System.Net;
using System.Text.RegularExpressions;
using StructuredStream.Api.Demo;
using StructuredStream.Api.Tests.Support;

namespace StructuredStream.Api.Tests;

/// <summary>The demo page at <c>/</c>: served with a strict Content-Security-Policy that the page itself keeps to.</summary>
public sealed partial class DemoPageTests(ServiceHost host) : IClassFixture<ServiceHost>
{
    [Fact]
    public async Task The_page_is_served_at_the_root_with_a_strict_content_security_policy()
    {
        using var client = host.Client();

        using var response = await client.GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var policy = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.Equal(DemoPage.ContentSecurityPolicy, policy);
        Assert.Contains("default-src 'none'", policy, StringComparison.Ordinal);
        Assert.Contains("script-src 'self';", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe", policy, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
    }

    [Fact]
    public async Task Every_script_and_style_the_page_loads_is_served_from_this_origin_with_the_same_policy()
    {
        using var client = host.Client();
        var page = await client.GetStringAsync("/");
        var referenced = LocalReference().Matches(page).Select(m => m.Groups["url"].Value).ToList();

        Assert.Contains("demo/app.js", referenced);
        Assert.Contains("demo.css", referenced);
        foreach (var url in referenced.Where(u => !u.StartsWith("swagger", StringComparison.Ordinal)))
        {
            using var response = await client.GetAsync("/" + url);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"/{url} answered {(int)response.StatusCode}");
            Assert.Equal(DemoPage.ContentSecurityPolicy, Assert.Single(response.Headers.GetValues("Content-Security-Policy")));
        }
    }

    [Fact]
    public void The_page_needs_nothing_the_policy_forbids_no_inline_code_or_styles_no_markup_from_strings()
    {
        var root = Path.Combine(RepositoryFiles.Root(), "src", "StructuredStream.Api", "wwwroot");
        var html = File.ReadAllText(Path.Combine(root, "index.html"));

        Assert.DoesNotMatch(InlineScript(), html);
        Assert.DoesNotMatch(InlineStyle(), html);
        Assert.DoesNotMatch(InlineHandler(), html);
        var scripts = Directory.EnumerateFiles(root, "*.js", SearchOption.AllDirectories).ToList();
        Assert.NotEmpty(scripts);
        Assert.All(scripts, file =>
        {
            var code = File.ReadAllText(file);
            // Model text is never parsed as markup, and nothing is evaluated from strings.
            Assert.False(Unsafe().IsMatch(code), $"{Path.GetRelativePath(root, file)} uses innerHTML, outerHTML, insertAdjacentHTML, document.write, eval or new Function");
        });
    }

    [Fact]
    public void The_page_runs_the_typescript_client_as_built()
    {
        var root = RepositoryFiles.Root();
        var built = Directory.GetFiles(Path.Combine(root, "clients", "typescript", "dist"), "*.js").Select(Path.GetFileName).Order().ToList();
        var served = Directory.GetFiles(Path.Combine(root, "src", "StructuredStream.Api", "wwwroot", "client"), "*.js").Select(Path.GetFileName).Order().ToList();

        // `npm run build` in clients/typescript writes both; a difference means one was edited or not rebuilt.
        Assert.NotEmpty(built);
        Assert.Equal(built, served);
        Assert.All(built, name => Assert.True(
            File.ReadAllText(Path.Combine(root, "clients", "typescript", "dist", name!)) == File.ReadAllText(Path.Combine(root, "src", "StructuredStream.Api", "wwwroot", "client", name!)),
            $"wwwroot/client/{name} differs from clients/typescript/dist/{name}: run npm run build in clients/typescript"));
    }

    [Fact]
    public async Task The_api_and_swagger_are_not_shadowed_by_the_page()
    {
        using var client = host.Client();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/v1/schemas")).StatusCode);
        Assert.Contains("swagger-ui", await client.GetStringAsync("/swagger/index.html"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/no-such-file.js")).StatusCode);
    }

    [GeneratedRegex("(?:src|href)=\"(?<url>(?!https?:|//|#)[^\"]+)\"")]
    private static partial Regex LocalReference();

    [GeneratedRegex(@"<script(?![^>]*\bsrc=)[^>]*>")]
    private static partial Regex InlineScript();

    [GeneratedRegex(@"<style\b|\sstyle=")]
    private static partial Regex InlineStyle();

    [GeneratedRegex(@"\son[a-z]+=", RegexOptions.IgnoreCase)]
    private static partial Regex InlineHandler();

    [GeneratedRegex(@"\.innerHTML\b|\.outerHTML\b|insertAdjacentHTML|document\.write|\beval\(|new Function\(")]
    private static partial Regex Unsafe();
}
