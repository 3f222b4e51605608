using System.Management.Automation;

namespace OktaEventHooks;

/// <summary>
/// Runs when PowerShell imports the module (Import-Module or autoload), before any command, parameter validation or
/// argument completer of the module can reach OktaEventHooks.Client.
/// </summary>
public sealed class ModuleInitializer : IModuleAssemblyInitializer, IModuleAssemblyCleanup
{
    /// <summary>Makes the dependencies loadable; loads none of them.</summary>
    public void OnImport() => DependencyLoader.Register();

    /// <summary>Remove-Module.</summary>
    public void OnRemove(PSModuleInfo psModuleInfo) => DependencyLoader.Unregister();
}
