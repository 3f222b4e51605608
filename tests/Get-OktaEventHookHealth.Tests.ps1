# Get-OktaEventHookHealth: which hooks are not receiving events and why, judged by hooks put in each state through the
# module and the sandbox (a receiver that fails deliveries, one that fails verification), and by the requests the
# command sent (the sandbox's request log).
BeforeAll {
    Import-Module "$PSScriptRoot/TestSupport.psm1" -Force
    Initialize-TestSandbox

    function Set-ReceiverSwitch([string] $Name, [object[]] $Answers) {
        $body = @{ answers = $Answers } | ConvertTo-Json -Compress
        $null = Invoke-RestMethod -Method Put -Uri "$(Get-SandboxUrl)/sandbox/receiver/switch/$Name" -Body $body -ContentType 'application/json'
    }
    function Send-OrgEvent([string] $EventType = 'user.lifecycle.deactivate') {
        $null = Invoke-RestMethod -Method Post -Uri "$(Get-SandboxUrl)/sandbox/events" -Body (@{ eventType = $EventType } | ConvertTo-Json) -ContentType 'application/json'
    }
    function New-VerifiedHook([string] $Name, [string] $Uri = (Get-ReceiverUri switch $Name)) {
        $hook = New-TestHook -Name $Name -Uri $Uri -EventType user.lifecycle.deactivate
        $null = Test-OktaEventHook -Id $hook.Id
        $hook
    }
}
AfterAll {
    Reset-TestSandbox
    Stop-TestSandbox
}

Describe 'Get-OktaEventHookHealth' {
    BeforeEach {
        Reset-TestSandbox
        Connect-TestSandbox
    }

    It 'finds an ACTIVE VERIFIED hook with no failures healthy' {
        $hook = New-VerifiedHook 'Fine'
        Send-OrgEvent

        $health = Get-OktaEventHookHealth -Id $hook.Id

        $health.Healthy | Should -BeTrue
        $health.Problems | Should -BeNullOrEmpty
        $health.Status | Should -Be 'ACTIVE'
        $health.Verification | Should -Be 'VERIFIED'
        $health.FailedDeliveries | Should -Be 0
        $health.ActiveHooksInOrg | Should -Be 1
        $health.ActiveHookLimit | Should -Be 25
    }

    It 'finds an INACTIVE hook unhealthy and says how to activate it' {
        $hook = New-VerifiedHook 'Paused'
        Disable-OktaEventHook -Id $hook.Id -Confirm:$false

        $health = Get-OktaEventHookHealth -Id $hook.Id

        $health.Healthy | Should -BeFalse
        ($health.Problems -join "`n") | Should -Match "It is INACTIVE: Okta delivers no events to it\. Activate it with Enable-OktaEventHook -Id $($hook.Id)"
    }

    It 'finds an UNVERIFIED hook unhealthy' {
        $hook = New-TestHook -Name 'Never verified'

        $health = Get-OktaEventHookHealth -Name 'Never verified'

        $health.Healthy | Should -BeFalse
        ($health.Problems -join "`n") | Should -Match 'It is UNVERIFIED'
    }

    It 'counts failed deliveries in the window and gives the last reason' {
        $hook = New-VerifiedHook 'Failing'
        Set-ReceiverSwitch Failing 503
        Send-OrgEvent
        Send-OrgEvent

        $health = Get-OktaEventHookHealth -Id $hook.Id

        $health.Healthy | Should -BeFalse
        $health.FailedDeliveries | Should -Be 2
        $health.LastFailureReason | Should -Match '503'
        $health.LastFailureTime | Should -Not -BeNullOrEmpty
        ($health.Problems -join "`n") | Should -Match '^2 deliveries failed since .*: Event delivery failed: the endpoint answered HTTP 503 \(2 attempts\)\. The events are lost unless resent'
        ($health.Problems -join "`n") | Should -Match 'Send-OktaEventHookEvent'
    }

    It 'does not count failures older than -Since' {
        $hook = New-VerifiedHook 'Failed long ago'
        Set-ReceiverSwitch 'Failed long ago' 503
        Send-OrgEvent
        $failedAt = (Get-OktaEventHookHealth -Id $hook.Id).LastFailureTime

        (Get-OktaEventHookHealth -Id $hook.Id -Since $failedAt.AddMilliseconds(1)).FailedDeliveries | Should -Be 0
        (Get-OktaEventHookHealth -Id $hook.Id -Since $failedAt).FailedDeliveries | Should -Be 1
    }

    It 'finds a hook whose verification failed unhealthy' {
        $hook = New-TestHook -Name 'Wrong answer' -Uri (Get-ReceiverUri wrong 'Wrong answer')
        $null = Test-OktaEventHook -Id $hook.Id -ErrorAction SilentlyContinue -ErrorVariable failed
        $failed.FullyQualifiedErrorId | Should -Match '^E0000001'

        $health = Get-OktaEventHookHealth -Id $hook.Id

        $health.Healthy | Should -BeFalse
        $health.FailedVerifications | Should -Be 1
        ($health.Problems -join "`n") | Should -Match '1 verification attempt failed since'
    }

    It 'sends one list call and one System Log query for all hooks' {
        $null = New-VerifiedHook 'One'
        $null = New-VerifiedHook 'Two'
        $null = New-TestHook -Name 'Three'
        Clear-SandboxRequestLog

        $health = Get-OktaEventHookHealth

        $health.Count | Should -Be 3
        $requests = Get-SandboxRequestLog
        @($requests | Where-Object path -eq '/api/v1/eventHooks').Count | Should -Be 1
        @($requests | Where-Object path -eq '/api/v1/logs').Count | Should -Be 1
        $requests.Count | Should -Be 2
    }

    It 'takes piped hooks and still sends one list call and one System Log query' {
        $hooks = @(New-VerifiedHook 'Piped one'; New-VerifiedHook 'Piped two')
        Clear-SandboxRequestLog

        $health = $hooks | Get-OktaEventHookHealth

        $health.Name | Should -Be @('Piped one', 'Piped two')
        (Get-SandboxRequestLog).Count | Should -Be 2
    }

    It 'refuses a -Since older than the System Log keeps, before any call' {
        Clear-SandboxRequestLog
        $failure = Get-TerminatingError { Get-OktaEventHookHealth -Since (Get-Date).AddDays(-91) }

        $failure.FullyQualifiedErrorId | Should -Match '^InvalidParameter\.Since'
        Get-SandboxRequestLog | Should -BeNullOrEmpty
    }

    It 'fails the monitoring runbook of its help (exit code 1) when a hook is unhealthy, and passes it when all are healthy' {
        $hook = New-VerifiedHook 'Monitored'
        $runbook = Join-Path $TestDrive 'monitor.ps1'
        Set-Content -LiteralPath $runbook -Value @"
`$ErrorActionPreference = 'Stop'
Import-Module '$(Join-Path (Get-Module OktaEventHooks).ModuleBase 'OktaEventHooks.psd1')'
Connect-OktaOrg -OrgUrl '$(Get-SandboxUrl)' -ApiToken (ConvertTo-SecureString '$($env:OKTAEH_SANDBOX_TOKEN)' -AsPlainText -Force)
`$unhealthy = @(Get-OktaEventHookHealth | Where-Object { -not `$_.Healthy })
foreach (`$hook in `$unhealthy) { Write-Output "`$(`$hook.Name): `$(`$hook.Problems -join ' ')" }
if (`$unhealthy) {
    Write-Error "`$(`$unhealthy.Count) event hooks are not receiving events."
    exit 1
}
"@
        (Invoke-ChildPwsh @('-File', $runbook)).ExitCode | Should -Be 0

        Disable-OktaEventHook -Id $hook.Id -Confirm:$false
        $run = Invoke-ChildPwsh @('-File', $runbook)

        $run.ExitCode | Should -Be 1
        $run.Output | Should -Match 'Monitored: It is INACTIVE'
    }
}
