using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.FileProviders;
using Microsoft.Net.Http.Headers;

namespace BetterHarness.Web.Hosting;

/// <summary>
/// wwwroot/** is embedded in the assembly and served under <c>/assets</c>. <see cref="Url"/> appends a content
/// hash, so a page always gets the file it was built with and the file can be cached for good.
/// </summary>
public sealed class StaticAssets
{
    public const string RequestPath = "/assets";
    private readonly IFileProvider _files = new ManifestEmbeddedFileProvider(typeof(StaticAssets).Assembly, "wwwroot");
    private readonly ConcurrentDictionary<string, string> _urls = new(StringComparer.Ordinal);

    /// <summary>The URL of a file under wwwroot, e.g. <c>Url("site.css")</c> → <c>/assets/site.css?v=1a2b3c4d5e</c>.</summary>
    public string Url(string path) => _urls.GetOrAdd(path, p =>
    {
        var file = _files.GetFileInfo(p);
        if (!file.Exists) throw new FileNotFoundException($"no embedded asset wwwroot/{p}");
        using var stream = file.CreateReadStream();
        return $"{RequestPath}/{p}?v={Convert.ToHexStringLower(SHA256.HashData(stream))[..10]}";
    });

    public void Use(IApplicationBuilder app) => app.UseStaticFiles(new StaticFileOptions
    {
        FileProvider = _files,
        RequestPath = RequestPath,
        OnPrepareResponse = context =>
        {
            var versioned = context.Context.Request.Query.ContainsKey("v");
            context.Context.Response.Headers[HeaderNames.CacheControl] =
                versioned ? "public, max-age=31536000, immutable" : "no-cache";
        },
    });
}
