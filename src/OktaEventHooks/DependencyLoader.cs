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
                var loader = Assembly.LoadFrom(Path.Combine(ModuleDirectory, "OktaEventHooks.Loader.dll"));
                loader.GetType("OktaEventHooks.Loader.DependencyLoadContext", throwOnError: true)!
                    .GetMethod("Initialize", BindingFlags.Public | BindingFlags.Static)!
                    .Invoke(null, new object[] { DependencyDirectory });
            }

            _registered = true;
        }
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
