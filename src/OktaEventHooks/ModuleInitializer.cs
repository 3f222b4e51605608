using System;
using System.IO;
using System.Management.Automation;
using System.Reflection;

namespace OktaEventHooks
{
    /// <summary>
    /// Makes the module's private dependencies (the lib folder) loadable without putting them in the
    /// process-wide context: on PowerShell 7 through the Loader's AssemblyLoadContext, on Windows PowerShell 5.1
    /// through a resolver that answers only for assemblies we ship and only when our assemblies ask.
    /// Nothing else happens at import: no network, no catalog parsing.
    /// </summary>
    public sealed class ModuleInitializer : IModuleAssemblyInitializer
    {
        private static readonly string ModuleDirectory =
            Path.GetDirectoryName(typeof(ModuleInitializer).Assembly.Location) ?? ".";

        private static readonly string DependencyDirectory = Path.Combine(ModuleDirectory, "lib");

        private static bool desktopResolverAdded;

        public void OnImport()
        {
            if (IsCoreClr)
            {
                var loader = Assembly.LoadFrom(Path.Combine(ModuleDirectory, "OktaEventHooks.Loader.dll"));
                loader.GetType("OktaEventHooks.Loader.DependencyLoadContext", throwOnError: true)!
                    .GetMethod("Initialize", BindingFlags.Public | BindingFlags.Static)!
                    .Invoke(null, new object[] { DependencyDirectory });
                return;
            }

            if (!desktopResolverAdded)
            {
                desktopResolverAdded = true;
                AppDomain.CurrentDomain.AssemblyResolve += ResolveOnDesktop;
            }
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
}
