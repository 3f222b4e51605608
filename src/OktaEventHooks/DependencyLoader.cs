using System;
using System.IO;
using System.Reflection;

namespace OktaEventHooks;

/// <summary>
/// Makes the module's private dependencies (the lib folder) loadable without putting them in the
/// process-wide context: on PowerShell 7 through the Loader's AssemblyLoadContext, on Windows PowerShell 5.1
/// through a resolver that answers only for assemblies we ship and only when our assemblies ask.
/// Registered by the first command that can reach the client, not at import, so importing stays cheap.
/// </summary>
internal static class DependencyLoader
{
    private static readonly string ModuleDirectory =
        Path.GetDirectoryName(typeof(DependencyLoader).Assembly.Location) ?? ".";

    private static readonly string DependencyDirectory = Path.Combine(ModuleDirectory, "lib");

    private static readonly object Gate = new object();
    private static bool _registered;

    /// <summary>Idempotent; must run before any code that uses a type of OktaEventHooks.Client is compiled.</summary>
    public static void EnsureRegistered()
    {
        lock (Gate)
        {
            if (!_registered)
            {
                Register();
                _registered = true;
            }
        }
    }

    private static void Register()
    {
        if (IsCoreClr)
        {
            var loader = Assembly.LoadFrom(Path.Combine(ModuleDirectory, "OktaEventHooks.Loader.dll"));
            loader.GetType("OktaEventHooks.Loader.DependencyLoadContext", throwOnError: true)!
                .GetMethod("Initialize", BindingFlags.Public | BindingFlags.Static)!
                .Invoke(null, new object[] { DependencyDirectory });
            return;
        }

        AppDomain.CurrentDomain.AssemblyResolve += ResolveOnDesktop;
    }

    private static bool IsCoreClr =>
        System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription.StartsWith(".NET Framework", StringComparison.Ordinal) == false;

    private static Assembly? ResolveOnDesktop(object? sender, ResolveEventArgs args)
    {
        var requester = args.RequestingAssembly?.GetName().Name;
        var ours = requester != null
            && (requester.StartsWith("OktaEventHooks", StringComparison.Ordinal)
                || File.Exists(Path.Combine(DependencyDirectory, requester + ".dll")));
        if (!ours)
        {
            return null;
        }

        var path = Path.Combine(DependencyDirectory, new AssemblyName(args.Name).Name + ".dll");
        return File.Exists(path) ? Assembly.LoadFrom(path) : null;
    }
}
