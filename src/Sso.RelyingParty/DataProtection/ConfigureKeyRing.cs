using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Sso.RelyingParty.DataProtection;

/// <summary>
/// Points the key ring at <see cref="KeyRingOptions.KeysPath"/> when first needed, which is what
/// PersistKeysToFileSystem does, but without reading configuration while Program.cs runs.
/// </summary>
internal sealed class ConfigureKeyRing(
    IOptions<KeyRingOptions> keyRing,
    IHostEnvironment environment,
    ILoggerFactory loggerFactory) : IConfigureOptions<KeyManagementOptions>
{
    public void Configure(KeyManagementOptions options)
    {
        var path = Path.GetFullPath(keyRing.Value.KeysPath, environment.ContentRootPath);
        options.XmlRepository = new FileSystemXmlRepository(new DirectoryInfo(path), loggerFactory);
    }
}
