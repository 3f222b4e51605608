# Runs the examples of docs/en-US: one test per example, against the sandbox org.
#
# How an example is run (Invoke-DocExample below):
#   1. Both sandbox orgs are reset and seeded with the hooks the pages talk about (Initialize-ExampleOrg), and the
#      working folder gets the files the examples read (Initialize-ExampleFolder). A few examples need more
#      state first; $Arrange holds that, per example.
#   2. A copy of the code gets the substitutions of Get-Substitution and $receiverPattern below: the org urls,
#      the receiver urls and the two hook ids the pages use. Nothing else in the code is changed.
#   3. The code runs in a child scope with $ErrorActionPreference = 'Stop' and $ConfirmPreference = 'None',
#      where the platform commands the examples call (Read-Host, SecretManagement, Azure Automation, Key Vault)
#      are the stand-ins of Register-PlatformStandIn, and only the environment variables of
#      Get-ExampleEnvironment are set (of OKTA_CLIENT_*, HOOK_*). The working folder is a fresh one in TestDrive.
#      (An 'exit' in an example would end the test run; the pages only have it after Write-Error, which throws
#      first under 'Stop'.)
#   4. It must run without an error, and must have done something: an example that changes or verifies hooks
#      sent a write (unless $ChangesNothing says why not), one that reads hooks sent a request, one that tests an
#      endpoint reached the receiver; an example with -WhatIf or -DetectOnly sent no write.
# Traffic stays on loopback: code that still names another host after the substitutions fails its test.
# The examples that cannot run are in $NotRunnable, with the reason; they show as skipped.

BeforeDiscovery {
    # '<Cmdlet> example <N>' = why it cannot run against the sandbox. Shown as the skip reason.
    # Empty while every example runs: the platform commands have stand-ins (see BeforeAll), files are made, and the
    # two orgs are sandboxes. An example that needs something else (a real org, a browser, ...) goes here.
    $NotRunnable = @{
    }

    $repo = Join-Path $PSScriptRoot '..'
    $model = & (Join-Path $repo 'tools/ConvertTo-MamlHelp.ps1') -DocsPath (Join-Path $repo 'docs/en-US') -AsModel
    $exampleCases = foreach ($command in $model.commands) {
        $index = 0
        foreach ($example in @($command.examples)) {
            $index++
            $number = if ($example.title -match '^Example (\d+)\s*:') { [int] $Matches[1] } else { $index }
            $key = "$($command.name) example $number"
            @{
                Cmdlet     = $command.name
                Number     = $number
                Title      = ($example.title -replace '^Example \d+\s*:\s*', '')
                Key        = $key
                Where      = "docs/en-US/$($command.file):$($example.line)"
                Code       = (@($example.code | ForEach-Object text) -join "`n")
                SkipReason = $NotRunnable[$key]
            }
        }
    }
    # Every listed example exists, so the list cannot go stale silently.
    $unknown = @($NotRunnable.Keys | Where-Object { $_ -notin $exampleCases.Key })
    if ($unknown) { throw "tests/Examples.Tests.ps1: `$NotRunnable names examples that do not exist: $($unknown -join ', ')" }
}

BeforeAll {
    Import-Module "$PSScriptRoot/TestSupport.psm1" -Force
    Initialize-TestSandbox
    Import-Module (Join-Path $PSScriptRoot '../tools/Sandbox.psm1')

    # The production org is the suite's sandbox; a second sandbox, with the same API token, is the preview org.
    $script:productionUrl = Get-SandboxUrl
    $script:previewOrg = Start-OktaSandbox -ApiToken $env:OKTAEH_SANDBOX_TOKEN `
        -SandboxDll (Get-SandboxDllPath)
    $script:previewUrl = $previewOrg.BaseUrl

    # What the stand-ins hand out. Any API token prompt or secret gets the sandboxes' token, any other secret this one.
    $script:apiToken = Get-SandboxToken
    $script:hookSecretText = 'example-hook-secret-0c1d'
    $script:hookSecret = ConvertTo-SecureString $hookSecretText -AsPlainText -Force

    # The OAuth service app of the Connect-OktaOrg examples: its client id and key id as the page writes them.
    $script:oauthClientId = '0oa8f5j3ecb5w3dF35d7'
    $script:oauthKeyId = 'kid-2026-01'
    $rsa = [System.Security.Cryptography.RSA]::Create(2048)
    $script:oauthPem = $rsa.ExportPkcs8PrivateKeyPem()
    $p = $rsa.ExportParameters($false)
    $b64url = { param([byte[]] $b) [Convert]::ToBase64String($b).TrimEnd('=').Replace('+', '-').Replace('/', '_') }
    $script:oauthJwk = [ordered]@{ kty = 'RSA'; kid = $oauthKeyId; n = (& $b64url $p.Modulus); e = (& $b64url $p.Exponent) }

    # Literal text of the pages -> what the copy run here says instead. Applied in this order.
    # Receiver urls keep their path: https://hooks.contoso.com/okta/hr -> <production>/receiver/ok/okta/hr.
    function Get-Substitution([hashtable] $HookIds) {
        [ordered]@{
            'https://contoso.okta.com'        = $productionUrl
            'https://contoso.oktapreview.com' = $previewUrl
            "'contoso.okta.com'"              = "'127.0.0.1'"          # the host a runbook checks before changing anything
            'http://proxy.contoso.com:8080'   = $productionUrl         # the sandbox answers absolute-form requests, like a proxy
            'who8vt36qfNpCGz9H1e6'            = $HookIds.HR            # the pages' id of 'HR offboarding sync'
            'whoa3wd7h2Tq0vLzZ0g7'            = $HookIds.SignIn        # the pages' id of 'Sign-in audit'
        }
    }
    $script:receiverPattern = 'https://[\w.-]+\.(?:contoso|example)\.com(?=[/''"\s]|$)'   # hooks.contoso.com, siem.contoso.com, hooks.example.com ...

    # Environment variables the examples read (the Okta SDKs' names, and a deployment's own).
    function Get-ExampleEnvironment {
        @{
            OKTA_CLIENT_ORGURL = $productionUrl
            OKTA_CLIENT_TOKEN  = $env:OKTAEH_SANDBOX_TOKEN
            HOOK_SECRET        = $hookSecretText
            HOOK_URI           = "$productionUrl/receiver/ok/okta/hr"
        }
    }

    # Stand-ins for the commands of the platform an example runs on; defined in the example's scope only.
    # A prompt or secret whose name says 'token' gets the sandboxes' API token, any other the hook secret.
    function Register-PlatformStandIn {
        $token = $apiToken; $secret = $hookSecret; $pem = $oauthPem
        $variables = $script:automationVariables = @{}
        @{
            # Microsoft.PowerShell.Utility: only secret prompts appear in the pages.
            'Read-Host'                  = {
                param([Parameter(Position = 0)] $Prompt, [switch] $AsSecureString)
                if (-not $AsSecureString) { throw "Read-Host stand-in: only -AsSecureString prompts are expected (prompt '$Prompt')." }
                if ($Prompt -match 'token') { $token } else { $secret }
            }.GetNewClosure()
            # Microsoft.PowerShell.SecretManagement: a secret stored as a string comes back as a SecureString.
            'Get-Secret'                 = {
                param([Parameter(Mandatory, Position = 0)] [string] $Name, [string] $Vault)
                if ($Name -match 'token') { $token } else { $secret }
            }.GetNewClosure()
            # Azure Automation: a credential asset holds its secret as the password; variables are a table.
            'Get-AutomationPSCredential' = {
                param([Parameter(Mandatory)] [string] $Name)
                [pscredential]::new('automation', $(if ($Name -eq 'Okta') { $token } else { $secret }))
            }.GetNewClosure()
            'Get-AutomationVariable'     = { param([Parameter(Mandatory)] [string] $Name) $variables[$Name] }.GetNewClosure()
            'Set-AutomationVariable'     = { param([Parameter(Mandatory)] [string] $Name, [Parameter(Mandatory)] $Value) $variables[$Name] = $Value }.GetNewClosure()
            # Az.KeyVault: the secret holds the PEM text of the service app's private key.
            'Get-AzKeyVaultSecret'       = {
                param([Parameter(Mandatory)] [string] $VaultName, [Parameter(Mandatory)] [string] $Name)
                [pscustomobject]@{ VaultName = $VaultName; Name = $Name; SecretValue = (ConvertTo-SecureString $pem -AsPlainText -Force) }
            }.GetNewClosure()
        }
    }

    function Reset-Org([string] $BaseUrl) { $null = Invoke-RestMethod -Method Post -Uri "$BaseUrl/sandbox/reset" }
    function Get-OrgRequest([string] $BaseUrl) { $log = Invoke-RestMethod -Uri "$BaseUrl/sandbox/requests"; @($log) }
    function Get-OrgReceiverRequest([string] $BaseUrl) { $log = Invoke-RestMethod -Uri "$BaseUrl/sandbox/receiver/requests"; @($log) }
    function Clear-OrgLog([string] $BaseUrl) {
        $null = Invoke-RestMethod -Method Delete -Uri "$BaseUrl/sandbox/requests"
        $null = Invoke-RestMethod -Method Delete -Uri "$BaseUrl/sandbox/receiver/requests"
    }

    # The org the pages describe. Production: 'HR offboarding sync' (who8vt36qfNpCGz9H1e6, with an auth header,
    # verified), 'Sign-in audit' (whoa3wd7h2Tq0vLzZ0g7, no auth header, verified), and a few the name patterns of
    # the pages find: an inactive 'HR onboarding', 'legacy-ldap-push', 'Test receiver', an inactive 'Temp migration'.
    # Preview: 'HR sync' and 'Audit' (both with an auth header) and the same 'Sign-in audit'.
    function Initialize-ExampleOrg {
        Reset-Org $productionUrl
        Reset-Org $previewUrl
        $body = @{ clientId = $oauthClientId; jwks = @{ keys = @($oauthJwk) }; scopes = @('okta.eventHooks.read', 'okta.eventHooks.manage', 'okta.logs.read') } | ConvertTo-Json -Depth 5
        $null = Invoke-RestMethod -Method Post -Uri "$productionUrl/sandbox/oauth/clients" -Body $body -ContentType 'application/json'

        $preview = Connect-OktaOrg -OrgUrl $previewUrl -ApiToken $apiToken -PassThru
        $production = Connect-OktaOrg -OrgUrl $productionUrl -ApiToken $apiToken -PassThru   # the session default
        $receiver = "$productionUrl/receiver/ok"
        $new = { param($Connection, [hashtable] $Hook) New-OktaEventHook -Connection $Connection @Hook -Confirm:$false -ErrorAction Stop }

        $hr = & $new $production @{ Name = 'HR offboarding sync'; Uri = "$receiver/okta/hr"; EventType = 'user.lifecycle.deactivate', 'user.lifecycle.suspend'
            AuthHeaderValue = $hookSecret; Description = 'Tells HR when an account is closed'; Verify = $true }
        $signIn = & $new $production @{ Name = 'Sign-in audit'; Uri = "$receiver/okta/audit"; EventType = 'user.session.start'; Verify = $true }
        $onboarding = & $new $production @{ Name = 'HR onboarding'; Uri = "$receiver/okta/hr-onboarding"; EventType = 'user.lifecycle.create', 'user.lifecycle.activate' }
        $null = & $new $production @{ Name = 'legacy-ldap-push'; Uri = "$receiver/legacy/ldap"; EventType = 'user.lifecycle.create' }
        $null = & $new $production @{ Name = 'Test receiver'; Uri = "$receiver/test"; EventType = 'user.lifecycle.create' }
        $temp = & $new $production @{ Name = 'Temp migration'; Uri = "$receiver/temp/migration"; EventType = 'user.lifecycle.create' }
        Disable-OktaEventHook -Connection $production -Id $onboarding.Id, $temp.Id -Confirm:$false -ErrorAction Stop

        $null = & $new $preview @{ Name = 'HR sync'; Uri = "$receiver/okta/hr-sync"; EventType = 'user.lifecycle.deactivate'; AuthHeaderValue = $hookSecret }
        $null = & $new $preview @{ Name = 'Audit'; Uri = "$receiver/okta/audit-all"; EventType = 'user.session.start', 'user.session.end'
            AuthHeaderName = 'X-Api-Key'; AuthHeaderValue = $hookSecret }
        $null = & $new $preview @{ Name = 'Sign-in audit'; Uri = "$receiver/okta/audit"; EventType = 'user.session.start' }

        [pscustomobject]@{ Production = $production; Preview = $preview; HookIds = @{ HR = $hr.Id; SignIn = $signIn.Id } }
    }

    # The files the examples read: the service app's key, and desired-state files exported from the preview org.
    function Initialize-ExampleFolder($Org) {
        Set-Content -LiteralPath ./okta-app.pem -Value $oauthPem -NoNewline
        Export-OktaEventHook -Connection $Org.Preview -Path ./okta-event-hooks.json -ErrorAction Stop
        Export-OktaEventHook -Connection $Org.Preview -Path ./hr-hooks.json -Name 'hr*' -ErrorAction Stop
    }

    # More state for single examples, run after the two above (in the working folder, with $Org).
    $script:Arrange = @{
        # The page's hook is inactive, so it can be deleted.
        'Remove-OktaEventHook example 1'   = { param($Org) Disable-OktaEventHook -Id $Org.HookIds.HR -Confirm:$false -ErrorAction Stop }
        # One hook inactive and one active, so both branches run.
        'Remove-OktaEventHook example 5'   = { param($Org) Disable-OktaEventHook -Id $Org.HookIds.SignIn -Confirm:$false -ErrorAction Stop }
        'Enable-OktaEventHook example 1'   = { param($Org) Disable-OktaEventHook -Id $Org.HookIds.HR -Confirm:$false -ErrorAction Stop }
        # What the matching Disable-OktaEventHook example left behind.
        'Enable-OktaEventHook example 4'   = {
            param($Org)
            $paused = Get-OktaEventHook -Name 'HR*' -ErrorAction Stop | Where-Object Status -eq 'ACTIVE' | Disable-OktaEventHook -PassThru -Confirm:$false -ErrorAction Stop
            $script:automationVariables['PausedHookIds'] = $paused.Id -join ','
        }
        'Enable-OktaEventHook example 5'   = {
            param($Org)
            Get-OktaEventHook -Name 'HR*' -ErrorAction Stop | Disable-OktaEventHook -PassThru -Confirm:$false -ErrorAction Stop |
                Select-Object Id, Name | Export-Csv -Path ./paused-hooks.csv -NoTypeInformation
        }
        'Get-OktaEventHook example 4'      = {
            param($Org)
            Get-OktaEventHook -Name 'legacy-*', 'Test*' -ErrorAction Stop | Select-Object Id, Name | Export-Csv -Path ./hooks.csv -NoTypeInformation
        }
        # The hook was deleted, so the example takes its catch branch.
        'Get-OktaEventHook example 7'      = { param($Org) Remove-OktaEventHook -Id $Org.HookIds.HR -Force -Confirm:$false -ErrorAction Stop }
        'New-OktaEventHook example 4'      = {
            param($Org)
            @(
                [pscustomobject]@{ Name = 'Badge sync'; Uri = "$productionUrl/receiver/ok/badges"; Description = 'Badge system'; EventTypes = 'user.lifecycle.create;user.lifecycle.deactivate' }
                [pscustomobject]@{ Name = 'Mail routing'; Uri = "$productionUrl/receiver/ok/mail"; Description = 'Mail gateway'; EventTypes = 'user.account.update_profile' }
            ) | Export-Csv -Path ./hooks.csv -NoTypeInformation
        }
        # Without a default connection, so the example connects.
        'Get-OktaConnection example 2'     = { param($Org) Disconnect-OktaOrg }
        # The desired state is the org's, and then the org drifted: one hook changed, one added.
        'Import-OktaEventHook example 2'   = {
            param($Org)
            Export-OktaEventHook -Path ./okta-event-hooks.json -ErrorAction Stop
            Set-OktaEventHook -Id $Org.HookIds.SignIn -AddEventType user.session.end -Confirm:$false -WarningAction SilentlyContinue -ErrorAction Stop
            $null = New-OktaEventHook -Name 'Ad-hoc test' -Uri "$productionUrl/receiver/ok/adhoc" -EventType user.lifecycle.create -Confirm:$false -ErrorAction Stop
        }
        # The desired state is what the org has, so the drift check passes.
        'Import-OktaEventHook example 3'   = { param($Org) Export-OktaEventHook -Path ./okta-event-hooks.json -ErrorAction Stop }
        # The endpoint does not answer the challenge, so the example has reasons to read.
        'Test-OktaEventHook example 5'     = {
            param($Org)
            Set-OktaEventHook -Id $Org.HookIds.HR -Uri "$productionUrl/receiver/wrong/okta/hr" -AuthHeaderValue $hookSecret -Confirm:$false -WarningAction SilentlyContinue -ErrorAction Stop
        }
        # The folder is a clone of the repository the hooks are kept in.
        'Export-OktaEventHook example 4'   = { param($Org) $null = git init --quiet ./okta }
    }

    # The System Log examples find something to read: a delivery to the HR hook that failed (its receiver now answers
    # 500 to deliveries), a failed verification, a delivery-quota warning.
    $failedDelivery = {
        param($Org)
        Set-OktaEventHook -Id $Org.HookIds.HR -Uri "$productionUrl/receiver/failing/500/okta/hr" -AuthHeaderValue $hookSecret -Confirm:$false -WarningAction SilentlyContinue -ErrorAction Stop
        $null = Test-OktaEventHook -Id $Org.HookIds.HR -ErrorAction Stop
        $null = Invoke-RestMethod -Method Post -Uri "$productionUrl/sandbox/events" -Body '{"eventType":"user.lifecycle.deactivate"}' -ContentType 'application/json'
    }
    foreach ($number in 1, 2, 5, 7, 8) { $script:Arrange["Get-OktaEventHookLog example $number"] = $failedDelivery }
    $script:Arrange['Get-OktaEventHookLog example 3'] = $Arrange['Test-OktaEventHook example 5']
    $script:Arrange['Get-OktaEventHookLog example 6'] = {
        param($Org)
        $null = Invoke-RestMethod -Method Post -Uri "$productionUrl/sandbox/logs/quota-warning" -Body '{}' -ContentType 'application/json'
    }

    # The resend examples find events to resend: a deactivation and a sign-in in the window. Example 3 reads the
    # window from a failed delivery to the HR hook, whose receiver is then back (and the hook verified again).
    $raiseEvents = {
        param($Org)
        foreach ($type in 'user.lifecycle.deactivate', 'user.session.start') {
            $null = Invoke-RestMethod -Method Post -Uri "$productionUrl/sandbox/events" -Body (@{ eventType = $type } | ConvertTo-Json) -ContentType 'application/json'
        }
    }
    foreach ($number in 1, 2, 4, 5) { $script:Arrange["Send-OktaEventHookEvent example $number"] = $raiseEvents }
    $script:Arrange['Send-OktaEventHookEvent example 3'] = {
        param($Org)
        & $failedDelivery $Org
        Set-OktaEventHook -Id $Org.HookIds.HR -Uri "$productionUrl/receiver/ok/okta/hr" -AuthHeaderValue $hookSecret -Confirm:$false -WarningAction SilentlyContinue -ErrorAction Stop
        $null = Test-OktaEventHook -Id $Org.HookIds.HR -ErrorAction Stop
    }
    # The health examples find an unhealthy hook among others (the monitoring runbook names only healthy ones).
    $script:Arrange['Get-OktaEventHookHealth example 2'] = $failedDelivery

    # Examples that call a cmdlet that changes hooks, but by design change nothing in the sandbox org.
    $script:ChangesNothing = @{
        'Set-OktaEventHook example 7' = 'shows the refusal: the hook has an auth header and the command gives no secret'
    }

    # A module on the PSModulePath, for the example that imports it by name in a parallel runspace.
    $script:moduleRoot = Split-Path (Split-Path (Get-Module OktaEventHooks).ModuleBase)

    function Invoke-DocExample {
        param([string] $Key, [string] $Code)
        Push-Location -LiteralPath (New-Item -ItemType Directory -Path (Join-Path $TestDrive ($Key -replace '\W', '-'))).FullName
        $savedEnvironment = @{}
        $savedModulePath = $env:PSModulePath
        try {
            $org = Initialize-ExampleOrg
            $standIns = Register-PlatformStandIn
            Initialize-ExampleFolder $org
            if ($Arrange[$Key]) { & $Arrange[$Key] $org }
            Clear-OrgLog $productionUrl
            Clear-OrgLog $previewUrl

            foreach ($pair in (Get-Substitution $org.HookIds).GetEnumerator()) { $Code = $Code.Replace($pair.Key, $pair.Value) }
            $Code = $script:codeAsRun = [regex]::Replace($Code, $receiverPattern, "$productionUrl/receiver/ok")
            $foreign = @([regex]::Matches($Code, '\b[a-z][a-z0-9+.-]*://[^\s''"/]+') | Where-Object { $_.Value -notmatch '://(127\.0\.0\.1|localhost)(:\d+)?$' })
            if ($foreign) { throw "The code would contact $($foreign.Value -join ', '): add a substitution or list it in `$NotRunnable." }

            # Only these variables: an OKTA_CLIENT_* of the machine running the tests must not reach an example.
            $example = Get-ExampleEnvironment
            foreach ($name in @($example.Keys) + @(Get-ChildItem Env:OKTA_CLIENT_* | ForEach-Object Name)) {
                if (-not $savedEnvironment.ContainsKey($name)) { $savedEnvironment[$name] = [Environment]::GetEnvironmentVariable($name) }
                [Environment]::SetEnvironmentVariable($name, $null)
            }
            foreach ($pair in $example.GetEnumerator()) { [Environment]::SetEnvironmentVariable($pair.Key, $pair.Value) }
            $env:PSModulePath = $moduleRoot + [IO.Path]::PathSeparator + $env:PSModulePath

            $scriptBlock = [scriptblock]::Create($Code)
            $output = & {
                $ErrorActionPreference = 'Stop'
                $ConfirmPreference = 'None'
                foreach ($pair in $standIns.GetEnumerator()) { Set-Item -Path "Function:$($pair.Key)" -Value $pair.Value }
                . $scriptBlock
            } *>&1 | Out-String -Width 160

            [pscustomobject]@{
                Output   = $output
                Requests = @(Get-OrgRequest $productionUrl) + @(Get-OrgRequest $previewUrl)
                Received = @(Get-OrgReceiverRequest $productionUrl) + @(Get-OrgReceiverRequest $previewUrl)
            }
        }
        finally {
            Pop-Location
            $env:PSModulePath = $savedModulePath
            foreach ($name in @(Get-ChildItem Env:OKTA_CLIENT_* | ForEach-Object Name)) {
                if (-not $savedEnvironment.ContainsKey($name)) { $savedEnvironment[$name] = $null }
            }
            foreach ($pair in $savedEnvironment.GetEnumerator()) { [Environment]::SetEnvironmentVariable($pair.Key, $pair.Value) }
            Disconnect-OktaOrg -ErrorAction SilentlyContinue
        }
    }
}

AfterAll {
    if ($previewOrg) { Stop-OktaSandbox $previewOrg }
    Stop-TestSandbox
}

Describe 'The examples of docs/en-US' {
    It '<Cmdlet> example <Number>: <Title>' -ForEach $exampleCases {
        if ($SkipReason) { Set-ItResult -Skipped -Because $SkipReason; return }
        $script:codeAsRun = $Code
        try { $result = Invoke-DocExample -Key $Key -Code $Code }
        catch { throw "$Where ($Key) failed: $($_.Exception.Message)`n--- code as run:`n$codeAsRun" }

        $writes = @($result.Requests | Where-Object method -ne 'GET')
        if ($Code -match '-(WhatIf|DetectOnly)\b') {
            $writes | Should -BeNullOrEmpty -Because "$Where previews (-WhatIf or -DetectOnly), so it changes nothing"
        }
        elseif ($Code -match '\b(New|Set|Remove|Enable|Disable|Test|Import)-OktaEventHook\b' -and -not $ChangesNothing[$Key]) {
            $writes | Should -Not -BeNullOrEmpty -Because "$Where changes or verifies hooks"
        }
        elseif ($Code -match '\b(Get|Export)-OktaEventHook\b') {
            $result.Requests | Should -Not -BeNullOrEmpty -Because "$Where reads hooks"
        }
        if ($Code -match '\bGet-OktaEventHookLog\b') {
            @($result.Requests | Where-Object path -eq '/api/v1/logs') | Should -Not -BeNullOrEmpty -Because "$Where reads the System Log"
        }
        if ($Code -match '\bGet-OktaEventHookHealth\b') {
            @($result.Requests | Where-Object path -eq '/api/v1/logs') | Should -Not -BeNullOrEmpty -Because "$Where reads the System Log"
        }
        if ($Code -match '\bSend-OktaEventHookEvent\b') {
            $resent = @($result.Received | Where-Object { $_.headers.'X-OktaEventHooks-Resend' -eq 'true' })
            if ($Code -match '-WhatIf\b') { $resent | Should -BeNullOrEmpty -Because "$Where previews a resend, so nothing is sent" }
            else { $resent | Should -Not -BeNullOrEmpty -Because "$Where resends events to the receiver" }
        }
        if ($Code -match '\bTest-OktaEventHookEndpoint\b') {
            $result.Received | Should -Not -BeNullOrEmpty -Because "$Where sends test requests to a receiver"
        }
    }
}
