using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;

namespace OktaEventHooks.Loader;

/// <summary>
/// The private load context of the module's dependencies (RestSharp, Newtonsoft.Json, ...), so that
/// other modules that load other versions of them (Az, Graph, Okta's own module) do not clash with ours.
/// The public types (OktaEventHooks.Model) stay in the default context, so PowerShell resolves
/// [OktaEventHooks.EventHook] by name.
/// </summary>
public sealed class DependencyLoadContext : AssemblyLoadContext
{
    /// <summary>The one assembly the default context asks us for; everything it needs follows from here.</summary>
    private const string EntryAssembly = "OktaEventHooks.Client";

    private static readonly object Gate = new object();
    private static DependencyLoadContext? _instance;

    private readonly string _directory;
    // Built on the first load of a dependency, which the first command that reaches the client causes.
    private readonly Lazy<Dictionary<string, string>> _trustedPlatformAssemblies = new Lazy<Dictionary<string, string>>(ReadTrustedPlatformAssemblies);

    private DependencyLoadContext(string directory)
        : base("OktaEventHooks", isCollectible: false)
    {
        _directory = directory;
    }

    private static Dictionary<string, string> ReadTrustedPlatformAssemblies() =>
        ((AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") as string) ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .GroupBy(Path.GetFileNameWithoutExtension, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key!, g => g.First(), StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// The client, loaded in the private context: called by the module's resolver the first time anything asks for
    /// OktaEventHooks.Client (so importing the module loads neither this assembly nor the context).
    /// </summary>
    public static Assembly? LoadEntry(string dependencyDirectory, AssemblyName name)
    {
        Initialize(dependencyDirectory);
        return ResolveEntryAssembly(Default, name);
    }

    /// <summary>Creates the context once per process; later calls are no-ops. Later requests for the client resolve here.</summary>
    public static void Initialize(string dependencyDirectory)
    {
        lock (Gate)
        {
            if (_instance != null)
            {
                return;
            }

            _instance = new DependencyLoadContext(Path.GetFullPath(dependencyDirectory));
            Default.Resolving += ResolveEntryAssembly;
        }
    }

    private static Assembly? ResolveEntryAssembly(AssemblyLoadContext context, AssemblyName name) =>
        string.Equals(name.Name, EntryAssembly, StringComparison.Ordinal) ? _instance?.LoadFromAssemblyName(name) : null;

    protected override Assembly? Load(AssemblyName assemblyName)
    {
        var name = assemblyName.Name;
        if (name == null)
        {
            return null;
        }

        var path = Path.Combine(_directory, name + ".dll");
        if (!File.Exists(path))
        {
            // The framework, and OktaEventHooks.Model (shared with the default context).
            return null;
        }

        // A framework assembly the runtime already has in a high enough version is shared, not
        // duplicated: two copies of System.Memory or System.Text.Json would make their types differ.
        if (IsFrameworkName(name)
            && _trustedPlatformAssemblies.Value.TryGetValue(name, out var platformPath)
            && AssemblyName.GetAssemblyName(platformPath).Version >= assemblyName.Version)
        {
            return null;
        }

        return LoadFromAssemblyPath(path);
    }

    private static bool IsFrameworkName(string name) =>
        name.StartsWith("System.", StringComparison.Ordinal) || name.StartsWith("Microsoft.", StringComparison.Ordinal);
}
