using System;
using System.IO;
using System.Reflection;

namespace OktaEventHooks;

/// <summary>
/// Makes the module's private dependencies loadable without putting them in the process-wide context: on PowerShell 7
/// the Loader's AssemblyLoadContext over lib/Core; on Windows PowerShell 5.1 (.NET Framework) a resolver over
/// lib/Desktop, each package's .NET Framework build. Registered at import by <see cref="ModuleInitializer"/>; it loads
/// no dependency itself, so importing stays cheap.
/// </summary>
internal static class DependencyLoader
{
    private static readonly string ModuleDirectory =
        Path.GetDirectoryName(typeof(DependencyLoader).Assembly.Location) ?? ".";

    private const string ClientAssembly = "OktaEventHooks.Client";

    private static readonly object Gate = new object();
    private static bool _registered;
    private static DesktopAssemblyResolver? _desktopResolver;

    /// <summary>Where this runtime's dependency set lives: lib/Desktop or lib/Core.</summary>
    public static string DependencyDirectory { get; } =
        Path.Combine(ModuleDirectory, "lib", RuntimeProfile.IsFramework ? "Desktop" : "Core");

    /// <summary>The Desktop resolver once registered (null on PowerShell 7).</summary>
    internal static DesktopAssemblyResolver? DesktopResolver => _desktopResolver;

    /// <summary>Idempotent; must run before any code that uses a type of OktaEventHooks.Client is compiled.</summary>
    public static void Register()
    {
        lock (Gate)
        {
            if (_registered)
            {
                return;
            }

            if (RuntimeProfile.IsFramework)
            {
                _desktopResolver = new DesktopAssemblyResolver(DesktopAssemblyResolver.ShippedIn(DependencyDirectory, ModuleDirectory));
                AppDomain.CurrentDomain.AssemblyResolve += _desktopResolver.Resolve;
            }
            else
            {
                // Only a handler at import: the Loader and its context are made when the client is first asked for.
                AppDomain.CurrentDomain.AssemblyResolve += ResolveClientOnCore;
            }

            _registered = true;
        }
    }

    /// <summary>
    /// PowerShell 7: the first request for OktaEventHooks.Client (a command, a parameter check or a completer) loads the
    /// Loader and answers with the client from its private AssemblyLoadContext; the context answers later requests itself.
    /// </summary>
    private static Assembly? ResolveClientOnCore(object? sender, ResolveEventArgs args)
    {
        var name = new AssemblyName(args.Name);
        if (!string.Equals(name.Name, ClientAssembly, StringComparison.Ordinal))
        {
            return null;
        }

        var loader = Assembly.LoadFrom(Path.Combine(ModuleDirectory, "OktaEventHooks.Loader.dll"));
        return (Assembly?)loader.GetType("OktaEventHooks.Loader.DependencyLoadContext", throwOnError: true)!
            .GetMethod("LoadEntry", BindingFlags.Public | BindingFlags.Static)!
            .Invoke(null, new object[] { DependencyDirectory, name });
    }

    /// <summary>
    /// Remove-Module: the Desktop resolver stops answering. On PowerShell 7 the load context stays (a loaded assembly
    /// cannot leave it), and an import later finds it ready.
    /// </summary>
    public static void Unregister()
    {
        lock (Gate)
        {
            if (_desktopResolver != null)
            {
                AppDomain.CurrentDomain.AssemblyResolve -= _desktopResolver.Resolve;
                _desktopResolver = null;
                _registered = false;
            }
        }
    }
}
