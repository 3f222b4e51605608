using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;

namespace OktaEventHooks;

/// <summary>
/// Windows PowerShell 5.1 (.NET Framework) has no binding redirects for a module: a reference to another version of a
/// strong-named dependency than the one in lib/Desktop (System.Memory 4.0.1.1 asked, 4.0.2.0 shipped), and every
/// dependency outside the module's folder, ends in AssemblyResolve. This answers those by simple name, whatever version
/// was asked and whoever asked (.NET Framework often leaves RequestingAssembly null), for the assemblies the module
/// ships and for nothing else, except <see cref="FrameworkOwned"/>.
/// </summary>
internal sealed class DesktopAssemblyResolver
{
    /// <summary>Loaded only on PowerShell 7; never an answer on .NET Framework.</summary>
    private const string CoreOnlyLoader = "OktaEventHooks.Loader";

    /// <summary>
    /// Names whose NuGet asset for .NET Framework 4.7.1 and later is the framework's own (`_._`), asked for in a higher
    /// version than the framework's facade has (System.Text.Json asks System.ValueTuple 4.0.5.0; .NET Framework 4.7.2's
    /// facade is 4.0.2.0). Should the runtime not unify the request itself, the answer is the assembly that holds
    /// those types in this process (mscorlib): the module ships no copy, which would clash with the framework's types.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, Func<Assembly>> FrameworkOwned = new Dictionary<string, Func<Assembly>>(StringComparer.OrdinalIgnoreCase)
    {
        ["System.ValueTuple"] = () => typeof(ValueTuple).Assembly,
    };

    private readonly IReadOnlyDictionary<string, string> _shipped;
    private readonly ConcurrentDictionary<string, Assembly> _loaded = new ConcurrentDictionary<string, Assembly>(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentQueue<string> _answers = new ConcurrentQueue<string>();

    public DesktopAssemblyResolver(IReadOnlyDictionary<string, string> shipped)
    {
        _shipped = shipped ?? throw new ArgumentNullException(nameof(shipped));
    }

    /// <summary>What was asked and which file answered it, one line per answer, in order (for the Mono smoke and for diagnosis).</summary>
    public IReadOnlyCollection<string> Answers => _answers;

    /// <summary>
    /// Simple name to path of every assembly the module ships for .NET Framework: the Desktop set first, then the
    /// module's own folder (OktaEventHooks.Model lives there).
    /// </summary>
    public static IReadOnlyDictionary<string, string> ShippedIn(string desktopDirectory, string moduleDirectory)
    {
        var shipped = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var directory in new[] { desktopDirectory, moduleDirectory })
        {
            if (!Directory.Exists(directory))
            {
                continue;
            }

            foreach (var path in Directory.GetFiles(directory, "*.dll").OrderBy(p => p, StringComparer.Ordinal))
            {
                var name = Path.GetFileNameWithoutExtension(path);
                if (!shipped.ContainsKey(name) && !string.Equals(name, CoreOnlyLoader, StringComparison.OrdinalIgnoreCase))
                {
                    shipped.Add(name, Path.GetFullPath(path));
                }
            }
        }

        return shipped;
    }

    /// <summary>
    /// The decision, without touching the loader: the shipped file of the requested simple name, or null when the
    /// module does not ship that name (the framework, another module's assembly, a satellite resource assembly).
    /// The requested version is ignored on purpose: the one shipped is the one the module was built and tested with.
    /// </summary>
    public static string? Choose(string requestedName, IReadOnlyDictionary<string, string> shipped)
    {
        var simpleName = SimpleName(requestedName);
        return simpleName != null && shipped != null && shipped.TryGetValue(simpleName, out var path) ? path : null;
    }

    private static string? SimpleName(string requestedName)
    {
        if (string.IsNullOrWhiteSpace(requestedName))
        {
            return null;
        }

        try
        {
            return new AssemblyName(requestedName).Name;
        }
        catch (Exception ex) when (ex is ArgumentException || ex is FileLoadException)
        {
            return null;
        }
    }

    /// <summary>The simple name when <paramref name="requestedName"/> is one of <see cref="FrameworkOwned"/>, else null.</summary>
    public static string? FrameworkOwnedName(string requestedName)
    {
        var simpleName = SimpleName(requestedName);
        return simpleName != null && FrameworkOwned.ContainsKey(simpleName) ? simpleName : null;
    }

    /// <summary>The AssemblyResolve handler.</summary>
    public Assembly? Resolve(object? sender, ResolveEventArgs args)
    {
        if (args == null)
        {
            return null;
        }

        var path = Choose(args.Name, _shipped);
        if (path == null)
        {
            var owner = FrameworkOwnedName(args.Name);
            if (owner == null)
            {
                return null;
            }

            var holder = FrameworkOwned[owner]();
            _answers.Enqueue($"{args.Name} (asked by {args.RequestingAssembly?.GetName().Name ?? "nobody named"}) -> the framework's {holder.GetName().Name}");
            return holder;
        }

        var assembly = _loaded.GetOrAdd(Path.GetFileNameWithoutExtension(path), _ => Assembly.LoadFrom(path));
        _answers.Enqueue($"{args.Name} (asked by {args.RequestingAssembly?.GetName().Name ?? "nobody named"}) -> {path}");
        return assembly;
    }
}
