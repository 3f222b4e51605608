using System.Globalization;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Xunit.Abstractions;

namespace OktaEventHooks.Tests;

/// <summary>
/// The net472 load graph: every assembly reference of what Windows PowerShell 5.1 would load from the staged module
/// (lib/Desktop and the module folder) resolves against the .NET Framework 4.7.2 reference assemblies, the module's
/// own files, or System.Management.Automation 3.0.0.0 from the host. A strong-named reference to another version than
/// the one shipped is a version gap: .NET Framework raises AssemblyResolve for it and the module's Desktop resolver
/// answers; each one is listed with its reason in desktop-version-gaps.txt. This reads metadata only; it proves
/// nothing about running on Windows PowerShell.
/// </summary>
public sealed partial class DesktopLoadGraphTests
{
    private const string HostAssembly = "System.Management.Automation";
    private static readonly Version HostVersion = new Version(3, 0, 0, 0);

    private readonly ITestOutputHelper _output;

    public DesktopLoadGraphTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public void ResolvesEveryReferenceOfTheDesktopSetAgainstDotNetFramework472()
    {
        var graph = LoadGraph.Read();
        File.WriteAllText(Path.Combine(graph.Root, "out", "desktop-load-graph.md"), graph.Table());
        _output.WriteLine(graph.Table());

        Assert.True(graph.Unresolved.Count == 0, "Unresolved on .NET Framework 4.7.2:\n" + string.Join("\n", graph.Unresolved));
        Assert.NotEmpty(graph.References);
    }

    [Fact]
    public void HasExactlyTheVersionGapsListedEachWithAReason()
    {
        var graph = LoadGraph.Read();
        var listed = GapList.Read(Path.Combine(AppContext.BaseDirectory, "desktop-version-gaps.txt"));
        var found = graph.Gaps.Select(g => g.Key).ToHashSet(StringComparer.Ordinal);

        var unlisted = found.Where(k => !listed.ContainsKey(k)).ToList();
        var stale = listed.Keys.Where(k => !found.Contains(k)).ToList();
        Assert.True(unlisted.Count == 0, "Version gaps not in desktop-version-gaps.txt (add each with the reason the resolver may bridge it):\n" + string.Join("\n", unlisted));
        Assert.True(stale.Count == 0, "Listed in desktop-version-gaps.txt but no longer a gap (remove them):\n" + string.Join("\n", stale));
        Assert.All(listed, entry => Assert.False(string.IsNullOrWhiteSpace(entry.Value), $"{entry.Key} has no reason"));
        Assert.True(listed.Count <= 12, $"{listed.Count} version gaps: the list is meant to stay short");
    }

    [Fact]
    public void ShipsNoNetStandardBuildOfAPackageThatHasADotNetFrameworkBuild()
    {
        var graph = LoadGraph.Read();
        var wrong = graph.Origins.Where(o => o.Asset.Contains("/netstandard", StringComparison.Ordinal) && o.FrameworkAsset != null)
            .Select(o => $"{o.File}: {o.Package} {o.Asset}, but the package has {o.FrameworkAsset}")
            .ToList();
        var unknown = graph.Origins.Where(o => o.Package == null).Select(o => o.File).ToList();

        Assert.True(wrong.Count == 0, "netstandard assets where a .NET Framework asset exists:\n" + string.Join("\n", wrong));
        Assert.True(unknown.Count == 0, "Shipped in lib/Desktop but found in no restored package:\n" + string.Join("\n", unknown));
        Assert.Contains(graph.Origins, o => o.File == "RestSharp.dll" && o.Asset.StartsWith("lib/net4", StringComparison.Ordinal));
    }

    internal sealed record Reference(string From, string Name, Version Requested, string ResolvedBy, Version? Found);

    /// <summary>A version gap; <paramref name="Shipped"/> null for a name the framework owns (answered with mscorlib).</summary>
    internal sealed record Gap(string Name, Version Requested, Version? Shipped, string From)
    {
        public string Key => $"{Name} {Requested} -> {Shipped?.ToString() ?? "mscorlib"}";
    }

    internal sealed record Origin(string File, string? Package, string Asset, string? FrameworkAsset);

    private static partial class GapList
    {
        /// <summary>"Name requested -> shipped: reason" lines; # starts a comment.</summary>
        public static Dictionary<string, string> Read(string path)
        {
            var entries = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var line in File.ReadAllLines(path).Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')))
            {
                var match = Entry().Match(line);
                Assert.True(match.Success, $"desktop-version-gaps.txt: cannot read '{line}'");
                entries.Add(match.Groups["key"].Value.Trim(), match.Groups["reason"].Value.Trim());
            }

            return entries;
        }

        [GeneratedRegex(@"^(?<key>\S+ \S+ -> \S+):(?<reason>.*)$")]
        private static partial Regex Entry();
    }

    private sealed class LoadGraph
    {
        public string Root { get; private init; } = string.Empty;
        public List<Reference> References { get; } = new();
        public List<string> Unresolved { get; } = new();
        public List<Gap> Gaps { get; } = new();
        public List<Origin> Origins { get; } = new();

        public static LoadGraph Read()
        {
            var root = RepositoryRoot();
            var module = StagedModule(root);
            var desktop = Path.Combine(module, "lib", "Desktop");
            Assert.True(Directory.Exists(desktop), $"No staged Desktop set at {desktop}: run ./build.ps1 build first.");

            var graph = new LoadGraph { Root = root };
            var framework = ReferenceAssemblies();
            var shipped = Directory.GetFiles(desktop, "*.dll")
                .Concat(Directory.GetFiles(module, "*.dll").Where(p => Path.GetFileName(p) != "OktaEventHooks.Loader.dll")) // PowerShell 7 only
                .ToDictionary(p => Identity(p).Name, p => p, StringComparer.OrdinalIgnoreCase);

            foreach (var (name, path) in shipped.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                foreach (var (refName, refVersion) in References(path))
                {
                    if (shipped.TryGetValue(refName, out var target))
                    {
                        var identity = Identity(target);
                        graph.References.Add(new Reference(name, refName, refVersion, "shipped", identity.Version));
                        if (identity.StrongNamed && identity.Version != refVersion)
                        {
                            graph.Gaps.Add(new Gap(refName, refVersion, identity.Version, name));
                        }
                    }
                    else if (framework.TryGetValue(refName, out var frameworkVersion))
                    {
                        graph.References.Add(new Reference(name, refName, refVersion, ".NET Framework 4.7.2", frameworkVersion));
                        if (refVersion > frameworkVersion && DesktopAssemblyResolver.FrameworkOwnedName(refName) != null)
                        {
                            graph.Gaps.Add(new Gap(refName, refVersion, null, name));
                        }
                        else if (refVersion > frameworkVersion)
                        {
                            graph.Unresolved.Add($"{name} -> {refName} {refVersion}: .NET Framework 4.7.2 has {frameworkVersion}");
                        }
                    }
                    else if (refName == HostAssembly && refVersion == HostVersion)
                    {
                        graph.References.Add(new Reference(name, refName, refVersion, "Windows PowerShell 5.1", HostVersion));
                    }
                    else
                    {
                        graph.References.Add(new Reference(name, refName, refVersion, "nothing", null));
                        graph.Unresolved.Add($"{name} -> {refName} {refVersion}");
                    }
                }
            }

            graph.Origins.AddRange(Origins(root, desktop));
            return graph;
        }

        public string Table()
        {
            var text = new StringBuilder();
            text.AppendLine("# net472 load graph of lib/Desktop and the module's own assemblies").AppendLine();
            text.AppendLine("| Resolved by | References | Distinct names |").AppendLine("|---|---|---|");
            foreach (var group in References.GroupBy(r => r.ResolvedBy).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"| {group.Key} | {group.Count()} | {group.Select(r => r.Name).Distinct().Count()} |");
            }

            text.AppendLine(CultureInfo.InvariantCulture, $"| unresolved | {Unresolved.Count} | |").AppendLine();
            text.AppendLine("| Version gap (asked -> shipped) | Asked by |").AppendLine("|---|---|");
            foreach (var gap in Gaps.GroupBy(g => g.Key).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"| {gap.Key} | {string.Join(", ", gap.Select(g => g.From).Distinct())} |");
            }

            text.AppendLine().AppendLine("| Shipped file | Package | Asset |").AppendLine("|---|---|---|");
            foreach (var origin in Origins.OrderBy(o => o.File, StringComparer.Ordinal))
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"| {origin.File} | {origin.Package ?? "?"} | {origin.Asset} |");
            }

            return text.ToString();
        }
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory != null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "OktaEventHooks.psd1")) && File.Exists(Path.Combine(directory.FullName, "build.ps1")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (OktaEventHooks.psd1 beside build.ps1) is not above " + AppContext.BaseDirectory);
    }

    private static string StagedModule(string root)
    {
        var manifest = File.ReadAllText(Path.Combine(root, "OktaEventHooks.psd1"));
        var version = Regex.Match(manifest, @"ModuleVersion\s*=\s*'([^']+)'").Groups[1].Value;
        return Path.Combine(root, "out", "OktaEventHooks", version);
    }

    private static string NuGetRoot() =>
        Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");

    private static Dictionary<string, Version> ReferenceAssemblies()
    {
        var directory = Path.Combine(NuGetRoot(), "microsoft.netframework.referenceassemblies.net472", "1.0.3", "build", ".NETFramework", "v4.7.2");
        Assert.True(Directory.Exists(directory), $"The .NET Framework 4.7.2 reference assemblies are not at {directory} (restore this test project).");
        return Directory.GetFiles(directory, "*.dll").Concat(Directory.GetFiles(Path.Combine(directory, "Facades"), "*.dll"))
            .Where(IsAssembly)
            .Select(Identity)
            .GroupBy(i => i.Name, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.Max(i => i.Version)!, StringComparer.OrdinalIgnoreCase);
    }

    private static bool IsAssembly(string path)
    {
        using var pe = new PEReader(File.OpenRead(path));
        return pe.HasMetadata && pe.GetMetadataReader().IsAssembly;
    }

    private static (string Name, Version Version, bool StrongNamed) Identity(string path)
    {
        using var pe = new PEReader(File.OpenRead(path));
        var reader = pe.GetMetadataReader();
        var definition = reader.GetAssemblyDefinition();
        return (reader.GetString(definition.Name), definition.Version, !definition.PublicKey.IsNil);
    }

    private static List<(string Name, Version Version)> References(string path)
    {
        using var pe = new PEReader(File.OpenRead(path));
        var reader = pe.GetMetadataReader();
        return reader.AssemblyReferences.Select(h => reader.GetAssemblyReference(h))
            .Select(r => (reader.GetString(r.Name), r.Version))
            .ToList();
    }

    /// <summary>
    /// Which package and asset each shipped dependency is, found by content in the packages of the Desktop set's own
    /// net472 restore, and whether that package has a .NET Framework asset (a dll or `_._`) for 4.7.2 or lower.
    /// </summary>
    private static IEnumerable<Origin> Origins(string root, string desktop)
    {
        var assets = Path.Combine(root, "src", "OktaEventHooks.DesktopSet", "obj", "project.assets.json");
        Assert.True(File.Exists(assets), $"No restore of the Desktop set at {assets}: run ./build.ps1 build first.");
        using var json = JsonDocument.Parse(File.ReadAllText(assets));
        var folders = json.RootElement.GetProperty("packageFolders").EnumerateObject().Select(p => p.Name).ToList();
        var packages = json.RootElement.GetProperty("libraries").EnumerateObject()
            .Where(l => l.Value.GetProperty("type").GetString() == "package")
            .Select(l => (Id: l.Name, Path: l.Value.GetProperty("path").GetString()!, Files: l.Value.GetProperty("files").EnumerateArray().Select(f => f.GetString()!).ToList()))
            .ToList();

        foreach (var file in Directory.GetFiles(desktop, "*.dll").Where(f => !Path.GetFileName(f).StartsWith("OktaEventHooks.", StringComparison.Ordinal)))
        {
            var name = Path.GetFileName(file);
            var hash = Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(file)));
            Origin? found = null;
            foreach (var package in packages)
            {
                foreach (var asset in package.Files.Where(f => f.StartsWith("lib/", StringComparison.Ordinal) && f.EndsWith("/" + name, StringComparison.OrdinalIgnoreCase)))
                {
                    var onDisk = folders.Select(f => Path.Combine(f, package.Path, asset)).FirstOrDefault(File.Exists);
                    if (onDisk != null && Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(onDisk))) == hash)
                    {
                        var frameworkAsset = package.Files.FirstOrDefault(f => FrameworkFolder(f) is int v && v <= 472);
                        found = new Origin(name, package.Id, asset, frameworkAsset);
                    }
                }
            }

            yield return found ?? new Origin(name, null, "?", null);
        }
    }

    /// <summary>lib/net45/..., lib/net462/... as 450, 462; null for netstandard, netcoreapp, net5.0 and later.</summary>
    private static int? FrameworkFolder(string file)
    {
        var match = Regex.Match(file, @"^lib/net(?<v>\d{2,3})/");
        return match.Success ? int.Parse(match.Groups["v"].Value.PadRight(3, '0'), CultureInfo.InvariantCulture) : null;
    }
}
