using Microsoft.Extensions.FileProviders;

namespace StructuredStream.Api.Demo;

/// <summary>
/// Serves the demo page (<c>wwwroot</c>: the page, its scripts and the TypeScript client's build) at <c>/</c>, with a
/// strict Content-Security-Policy: only this origin's scripts, styles and API, no inline code, no frames, no forms.
/// </summary>
public static class DemoPage
{
    /// <summary>The policy every file of the page is sent with.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; " +
        "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    /// <summary>Where the page's files are: beside the service's assembly, so any working directory finds them.</summary>
    public static string Root => Path.Combine(AppContext.BaseDirectory, "wwwroot");

    /// <summary>Serves <c>/</c> (index.html) and the files under it.</summary>
    public static WebApplication MapDemoPage(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (!Directory.Exists(Root))
        {
            return app;
        }

        var files = new PhysicalFileProvider(Root);
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = files,
            OnPrepareResponse = context =>
            {
                var headers = context.Context.Response.Headers;
                headers.ContentSecurityPolicy = ContentSecurityPolicy;
                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = "no-referrer";
                // The page and the client change together with the service: always revalidate, never mix versions.
                headers.CacheControl = "no-cache";
            },
        });
        return app;
    }
}
