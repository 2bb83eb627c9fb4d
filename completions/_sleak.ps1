
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'sleak' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'sleak'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'sleak' {
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]')
            [CompletionResult]::new('--workspace', '--workspace', [CompletionResultType]::ParameterName, 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS profile to use (from ~/.aws/config) [default: AWS_PROFILE or `default`]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region to call [default: AWS_REGION, the profile''s region, or the workspace''s `organization.region`]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format of data on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors (`auto` colors a terminal unless NO_COLOR is set)')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'How long a command that changes AWS waits for another run''s workspace lease (`30s`, `5m`, `1h`; `0` fails at once)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (repeat for more)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Create a sleak.toml in the current folder')
            [CompletionResult]::new('validate', 'validate', [CompletionResultType]::ParameterValue, 'Check sleak.toml and report every problem in it')
            [CompletionResult]::new('plan', 'plan', [CompletionResultType]::ParameterValue, 'Show what applying the workspace would change in AWS (`--offline`: every resource the workspace describes, in the order sleak creates them, without asking AWS)')
            [CompletionResult]::new('onboard', 'onboard', [CompletionResultType]::ParameterValue, 'Build the organization, its accounts, their networks, the VPN and the DNS zone')
            [CompletionResult]::new('apply', 'apply', [CompletionResultType]::ParameterValue, 'Make AWS match the workspace: create what is missing, fix what differs')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Show every resource sleak manages, per account: ok, missing, changed or drifted')
            [CompletionResult]::new('destroy', 'destroy', [CompletionResultType]::ParameterValue, 'Delete what sleak built, in reverse order, and sweep its orphaned resources')
            [CompletionResult]::new('vpn', 'vpn', [CompletionResultType]::ParameterValue, 'Show the VPN server: console address, state, and how to get its setup key')
            [CompletionResult]::new('doctor', 'doctor', [CompletionResultType]::ParameterValue, 'Check credentials, the organization, every resource, the VPN and the domain''s delegation')
            [CompletionResult]::new('unlock', 'unlock', [CompletionResultType]::ParameterValue, 'Show the workspace''s lease (the run changing AWS now), or remove one left behind')
            [CompletionResult]::new('cluster', 'cluster', [CompletionResultType]::ParameterValue, 'Create, list, inspect and delete Kubernetes clusters (EKS or a kubeconfig context)')
            [CompletionResult]::new('kubeconfig', 'kubeconfig', [CompletionResultType]::ParameterValue, 'Add a cluster''s context to your kubeconfig, as `aws eks update-kubeconfig` does')
            [CompletionResult]::new('eks-token', 'eks-token', [CompletionResultType]::ParameterValue, 'Print an EKS authentication token as a kubectl exec credential')
            [CompletionResult]::new('project', 'project', [CompletionResultType]::ParameterValue, 'Add, remove and list projects')
            [CompletionResult]::new('env', 'env', [CompletionResultType]::ParameterValue, 'Add, remove and list environments')
            [CompletionResult]::new('dep', 'dep', [CompletionResultType]::ParameterValue, 'Add, remove and list dependencies (databases, buckets, caches, queues)')
            [CompletionResult]::new('service', 'service', [CompletionResultType]::ParameterValue, 'Add, remove and list services (web services, workers, cron jobs)')
            [CompletionResult]::new('build', 'build', [CompletionResultType]::ParameterValue, 'Build a project''s image from its Dockerfile and push it to the project''s ECR repository')
            [CompletionResult]::new('var', 'var', [CompletionResultType]::ParameterValue, 'Set, list and explain variables: plain ones in sleak.toml, secret ones in AWS Secrets Manager')
            [CompletionResult]::new('release', 'release', [CompletionResultType]::ParameterValue, 'Write the Helm chart of a project''s services in an environment')
            [CompletionResult]::new('deploy', 'deploy', [CompletionResultType]::ParameterValue, 'Deploy a project''s services to an environment, as a new Helm-compatible revision')
            [CompletionResult]::new('rollback', 'rollback', [CompletionResultType]::ParameterValue, 'Put a previous revision of a project''s deploy back, as a new revision')
            [CompletionResult]::new('releases', 'releases', [CompletionResultType]::ParameterValue, 'List the revisions of a project''s deploys to an environment')
            [CompletionResult]::new('logs', 'logs', [CompletionResultType]::ParameterValue, 'Show the logs of a service''s pods, each line prefixed by its pod')
            [CompletionResult]::new('sandbox', 'sandbox', [CompletionResultType]::ParameterValue, 'Run local stand-ins: an AWS emulator and a Kubernetes API that kubectl and Helm accept')
            [CompletionResult]::new('demo', 'demo', [CompletionResultType]::ParameterValue, 'Run the whole platform in the local sandbox: a workspace, onboarding, a cluster, dependencies, variables, services and a deploy')
            [CompletionResult]::new('whoami', 'whoami', [CompletionResultType]::ParameterValue, 'Show the AWS identity and account sleak would act as')
            [CompletionResult]::new('schema', 'schema', [CompletionResultType]::ParameterValue, 'Print the JSON Schema of sleak.toml, for editors')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'sleak;init' {
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'Workspace name: lowercase letters, digits and `-` (tags and prefixes every resource)')
            [CompletionResult]::new('--domain', '--domain', [CompletionResultType]::ParameterName, 'Domain the environments are subdomains of, e.g. acme.dev')
            [CompletionResult]::new('--home-region', '--home-region', [CompletionResultType]::ParameterName, 'Home AWS region of every account')
            [CompletionResult]::new('--email', '--email', [CompletionResultType]::ParameterName, 'Base e-mail address of the accounts (plus-addressed per account)')
            [CompletionResult]::new('--admin-cidr', '--admin-cidr', [CompletionResultType]::ParameterName, 'CIDR allowed to reach the VPN console (repeatable)')
            [CompletionResult]::new('--dir', '--dir', [CompletionResultType]::ParameterName, 'Folder to create sleak.toml in [default: the current folder]')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]')
            [CompletionResult]::new('--workspace', '--workspace', [CompletionResultType]::ParameterName, 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS profile to use (from ~/.aws/config) [default: AWS_PROFILE or `default`]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region to call [default: AWS_REGION, the profile''s region, or the workspace''s `organization.region`]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format of data on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors (`auto` colors a terminal unless NO_COLOR is set)')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'How long a command that changes AWS waits for another run''s workspace lease (`30s`, `5m`, `1h`; `0` fails at once)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (repeat for more)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'sleak;validate' {
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]')
            [CompletionResult]::new('--workspace', '--workspace', [CompletionResultType]::ParameterName, 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS profile to use (from ~/.aws/config) [default: AWS_PROFILE or `default`]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region to call [default: AWS_REGION, the profile''s region, or the workspace''s `organization.region`]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format of data on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors (`auto` colors a terminal unless NO_COLOR is set)')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'How long a command that changes AWS waits for another run''s workspace lease (`30s`, `5m`, `1h`; `0` fails at once)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (repeat for more)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'sleak;plan' {
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]')
            [CompletionResult]::new('--workspace', '--workspace', [CompletionResultType]::ParameterName, 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS profile to use (from ~/.aws/config) [default: AWS_PROFILE or `default`]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region to call [default: AWS_REGION, the profile''s region, or the workspace''s `organization.region`]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format of data on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors (`auto` colors a terminal unless NO_COLOR is set)')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'How long a command that changes AWS waits for another run''s workspace lease (`30s`, `5m`, `1h`; `0` fails at once)')
            [CompletionResult]::new('--offline', '--offline', [CompletionResultType]::ParameterName, 'Plan from the workspace alone, without asking AWS what exists')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (repeat for more)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'sleak;onboard' {
            [CompletionResult]::new('--parallelism', '--parallelism', [CompletionResultType]::ParameterName, 'How many independent changes run at once (they mostly wait on AWS)')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]')
            [CompletionResult]::new('--workspace', '--workspace', [CompletionResultType]::ParameterName, 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS profile to use (from ~/.aws/config) [default: AWS_PROFILE or `default`]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region to call [default: AWS_REGION, the profile''s region, or the workspace''s `organization.region`]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format of data on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors (`auto` colors a terminal unless NO_COLOR is set)')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'How long a command that changes AWS waits for another run''s workspace lease (`30s`, `5m`, `1h`; `0` fails at once)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show the plan and stop')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (repeat for more)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'sleak;apply' {
            [CompletionResult]::new('--parallelism', '--parallelism', [CompletionResultType]::ParameterName, 'How many independent changes run at once (they mostly wait on AWS)')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]')
            [CompletionResult]::new('--workspace', '--workspace', [CompletionResultType]::ParameterName, 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS profile to use (from ~/.aws/config) [default: AWS_PROFILE or `default`]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region to call [default: AWS_REGION, the profile''s region, or the workspace''s `organization.region`]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format of data on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors (`auto` colors a terminal unless NO_COLOR is set)')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'How long a command that changes AWS waits for another run''s workspace lease (`30s`, `5m`, `1h`; `0` fails at once)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show the plan and stop')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (repeat for more)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'sleak;status' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'A project: show its services in the environment (with --env)')
            [CompletionResult]::new('--project', '--project', [CompletionResultType]::ParameterName, 'A project: show its services in the environment (with --env)')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'An environment: show the project''s services in it (with --project)')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'An environment: show the project''s services in it (with --project)')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]')
            [CompletionResult]::new('--workspace', '--workspace', [CompletionResultType]::ParameterName, 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS profile to use (from ~/.aws/config) [default: AWS_PROFILE or `default`]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region to call [default: AWS_REGION, the profile''s region, or the workspace''s `organization.region`]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format of data on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors (`auto` colors a terminal unless NO_COLOR is set)')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'How long a command that changes AWS waits for another run''s workspace lease (`30s`, `5m`, `1h`; `0` fails at once)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (repeat for more)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'sleak;destroy' {
            [CompletionResult]::new('--confirm', '--confirm', [CompletionResultType]::ParameterName, 'The workspace''s name, to confirm without a prompt (`--yes` is not enough)')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]')
            [CompletionResult]::new('--workspace', '--workspace', [CompletionResultType]::ParameterName, 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS profile to use (from ~/.aws/config) [default: AWS_PROFILE or `default`]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region to call [default: AWS_REGION, the profile''s region, or the workspace''s `organization.region`]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format of data on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors (`auto` colors a terminal unless NO_COLOR is set)')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'How long a command that changes AWS waits for another run''s workspace lease (`30s`, `5m`, `1h`; `0` fails at once)')
            [CompletionResult]::new('--close-accounts', '--close-accounts', [CompletionResultType]::ParameterName, 'Also close the member accounts (AWS keeps them suspended for 90 days)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show what would be deleted and stop')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (repeat for more)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'sleak;vpn' {
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]')
            [CompletionResult]::new('--workspace', '--workspace', [CompletionResultType]::ParameterName, 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS profile to use (from ~/.aws/config) [default: AWS_PROFILE or `default`]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region to call [default: AWS_REGION, the profile''s region, or the workspace''s `organization.region`]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format of data on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors (`auto` colors a terminal unless NO_COLOR is set)')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'How long a command that changes AWS waits for another run''s workspace lease (`30s`, `5m`, `1h`; `0` fails at once)')
            [CompletionResult]::new('--setup-key', '--setup-key', [CompletionResultType]::ParameterName, 'Fetch Pritunl''s initial setup key from the server through SSM and print it')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (repeat for more)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'sleak;doctor' {
            [CompletionResult]::new('--resolver', '--resolver', [CompletionResultType]::ParameterName, 'DNS resolver to ask for the domain''s name servers [default: the system''s]')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]')
            [CompletionResult]::new('--workspace', '--workspace', [CompletionResultType]::ParameterName, 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS profile to use (from ~/.aws/config) [default: AWS_PROFILE or `default`]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region to call [default: AWS_REGION, the profile''s region, or the workspace''s `organization.region`]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format of data on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors (`auto` colors a terminal unless NO_COLOR is set)')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'How long a command that changes AWS waits for another run''s workspace lease (`30s`, `5m`, `1h`; `0` fails at once)')
            [CompletionResult]::new('--offline', '--offline', [CompletionResultType]::ParameterName, 'Skip the public DNS lookup')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (repeat for more)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'sleak;unlock' {
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]')
            [CompletionResult]::new('--workspace', '--workspace', [CompletionResultType]::ParameterName, 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS profile to use (from ~/.aws/config) [default: AWS_PROFILE or `default`]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region to call [default: AWS_REGION, the profile''s region, or the workspace''s `organization.region`]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format of data on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors (`auto` colors a terminal unless NO_COLOR is set)')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'How long a command that changes AWS waits for another run''s workspace lease (`30s`, `5m`, `1h`; `0` fails at once)')
            [CompletionResult]::new('--show', '--show', [CompletionResultType]::ParameterName, 'Only show who holds the lease')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (repeat for more)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'sleak;cluster' {
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]')
            [CompletionResult]::new('--workspace', '--workspace', [CompletionResultType]::ParameterName, 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS profile to use (from ~/.aws/config) [default: AWS_PROFILE or `default`]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region to call [default: AWS_REGION, the profile''s region, or the workspace''s `organization.region`]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format of data on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors (`auto` colors a terminal unless NO_COLOR is set)')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'How long a command that changes AWS waits for another run''s workspace lease (`30s`, `5m`, `1h`; `0` fails at once)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (repeat for more)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create a cluster, or bring it in line with sleak.toml: roles, EKS, node pools, plugins')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the workspace''s clusters with their state in AWS')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Show every resource of one cluster: ok, missing, changed or drifted')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete a cluster''s node pools, plugins, control plane and roles, and remove it from sleak.toml')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'sleak;cluster;create' {
            [CompletionResult]::new('--account', '--account', [CompletionResultType]::ParameterName, 'Account to create the EKS cluster in, when the cluster is not in sleak.toml yet')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Bring your own cluster: the kubeconfig context to use instead of creating EKS')
            [CompletionResult]::new('--kubernetes-version', '--kubernetes-version', [CompletionResultType]::ParameterName, 'Kubernetes version of a new cluster, e.g. 1.33')
            [CompletionResult]::new('--node-type', '--node-type', [CompletionResultType]::ParameterName, 'Instance type of a new cluster''s first node pool (`general`)')
            [CompletionResult]::new('--parallelism', '--parallelism', [CompletionResultType]::ParameterName, 'How many independent changes run at once')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]')
            [CompletionResult]::new('--workspace', '--workspace', [CompletionResultType]::ParameterName, 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS profile to use (from ~/.aws/config) [default: AWS_PROFILE or `default`]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region to call [default: AWS_REGION, the profile''s region, or the workspace''s `organization.region`]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format of data on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors (`auto` colors a terminal unless NO_COLOR is set)')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'How long a command that changes AWS waits for another run''s workspace lease (`30s`, `5m`, `1h`; `0` fails at once)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show the plan and stop')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (repeat for more)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'sleak;cluster;list' {
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]')
            [CompletionResult]::new('--workspace', '--workspace', [CompletionResultType]::ParameterName, 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS profile to use (from ~/.aws/config) [default: AWS_PROFILE or `default`]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region to call [default: AWS_REGION, the profile''s region, or the workspace''s `organization.region`]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format of data on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors (`auto` colors a terminal unless NO_COLOR is set)')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'How long a command that changes AWS waits for another run''s workspace lease (`30s`, `5m`, `1h`; `0` fails at once)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (repeat for more)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'sleak;cluster;status' {
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]')
            [CompletionResult]::new('--workspace', '--workspace', [CompletionResultType]::ParameterName, 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS profile to use (from ~/.aws/config) [default: AWS_PROFILE or `default`]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region to call [default: AWS_REGION, the profile''s region, or the workspace''s `organization.region`]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format of data on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors (`auto` colors a terminal unless NO_COLOR is set)')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'How long a command that changes AWS waits for another run''s workspace lease (`30s`, `5m`, `1h`; `0` fails at once)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (repeat for more)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'sleak;cluster;delete' {
            [CompletionResult]::new('--confirm', '--confirm', [CompletionResultType]::ParameterName, 'The cluster''s name again, to confirm without a prompt (needed with `--yes` too)')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]')
            [CompletionResult]::new('--workspace', '--workspace', [CompletionResultType]::ParameterName, 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS profile to use (from ~/.aws/config) [default: AWS_PROFILE or `default`]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region to call [default: AWS_REGION, the profile''s region, or the workspace''s `organization.region`]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format of data on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors (`auto` colors a terminal unless NO_COLOR is set)')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'How long a command that changes AWS waits for another run''s workspace lease (`30s`, `5m`, `1h`; `0` fails at once)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show what would be deleted and stop')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (repeat for more)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'sleak;cluster;help' {
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create a cluster, or bring it in line with sleak.toml: roles, EKS, node pools, plugins')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the workspace''s clusters with their state in AWS')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Show every resource of one cluster: ok, missing, changed or drifted')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete a cluster''s node pools, plugins, control plane and roles, and remove it from sleak.toml')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'sleak;cluster;help;create' {
            break
        }
        'sleak;cluster;help;list' {
            break
        }
        'sleak;cluster;help;status' {
            break
        }
        'sleak;cluster;help;delete' {
            break
        }
        'sleak;cluster;help;help' {
            break
        }
        'sleak;kubeconfig' {
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Kubeconfig file to write [default: $KUBECONFIG''s first file, else ~/.kube/config]')
            [CompletionResult]::new('--alias', '--alias', [CompletionResultType]::ParameterName, 'Name of the context [default: the cluster''s ARN, as `aws eks update-kubeconfig`]')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]')
            [CompletionResult]::new('--workspace', '--workspace', [CompletionResultType]::ParameterName, 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS profile to use (from ~/.aws/config) [default: AWS_PROFILE or `default`]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region to call [default: AWS_REGION, the profile''s region, or the workspace''s `organization.region`]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format of data on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors (`auto` colors a terminal unless NO_COLOR is set)')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'How long a command that changes AWS waits for another run''s workspace lease (`30s`, `5m`, `1h`; `0` fails at once)')
            [CompletionResult]::new('--no-switch', '--no-switch', [CompletionResultType]::ParameterName, 'Do not make it the current context')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (repeat for more)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'sleak;eks-token' {
            [CompletionResult]::new('--cluster-name', '--cluster-name', [CompletionResultType]::ParameterName, 'Name of the EKS cluster (its name in AWS)')
            [CompletionResult]::new('--role-arn', '--role-arn', [CompletionResultType]::ParameterName, 'Role to assume before signing, e.g. the member account''s OrganizationAccountAccessRole')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]')
            [CompletionResult]::new('--workspace', '--workspace', [CompletionResultType]::ParameterName, 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS profile to use (from ~/.aws/config) [default: AWS_PROFILE or `default`]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region to call [default: AWS_REGION, the profile''s region, or the workspace''s `organization.region`]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format of data on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors (`auto` colors a terminal unless NO_COLOR is set)')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'How long a command that changes AWS waits for another run''s workspace lease (`30s`, `5m`, `1h`; `0` fails at once)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (repeat for more)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'sleak;project' {
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]')
            [CompletionResult]::new('--workspace', '--workspace', [CompletionResultType]::ParameterName, 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS profile to use (from ~/.aws/config) [default: AWS_PROFILE or `default`]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region to call [default: AWS_REGION, the profile''s region, or the workspace''s `organization.region`]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format of data on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors (`auto` colors a terminal unless NO_COLOR is set)')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'How long a command that changes AWS waits for another run''s workspace lease (`30s`, `5m`, `1h`; `0` fails at once)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (repeat for more)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add a project (an ECR repository, and a namespace in each environment it joins)')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove a project and everything declared under it')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the projects')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'sleak;project;add' {
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Environment the project is deployed to (repeatable)')
            [CompletionResult]::new('--repository', '--repository', [CompletionResultType]::ParameterName, 'ECR repository name [default: the project name]')
            [CompletionResult]::new('--keep-images', '--keep-images', [CompletionResultType]::ParameterName, 'How many images the repository keeps [default: 30]')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]')
            [CompletionResult]::new('--workspace', '--workspace', [CompletionResultType]::ParameterName, 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS profile to use (from ~/.aws/config) [default: AWS_PROFILE or `default`]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region to call [default: AWS_REGION, the profile''s region, or the workspace''s `organization.region`]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format of data on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors (`auto` colors a terminal unless NO_COLOR is set)')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'How long a command that changes AWS waits for another run''s workspace lease (`30s`, `5m`, `1h`; `0` fails at once)')
            [CompletionResult]::new('--immutable-tags', '--immutable-tags', [CompletionResultType]::ParameterName, 'Make pushed image tags immutable')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (repeat for more)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'sleak;project;remove' {
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]')
            [CompletionResult]::new('--workspace', '--workspace', [CompletionResultType]::ParameterName, 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS profile to use (from ~/.aws/config) [default: AWS_PROFILE or `default`]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region to call [default: AWS_REGION, the profile''s region, or the workspace''s `organization.region`]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format of data on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors (`auto` colors a terminal unless NO_COLOR is set)')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'How long a command that changes AWS waits for another run''s workspace lease (`30s`, `5m`, `1h`; `0` fails at once)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (repeat for more)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'sleak;project;list' {
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]')
            [CompletionResult]::new('--workspace', '--workspace', [CompletionResultType]::ParameterName, 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS profile to use (from ~/.aws/config) [default: AWS_PROFILE or `default`]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region to call [default: AWS_REGION, the profile''s region, or the workspace''s `organization.region`]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format of data on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors (`auto` colors a terminal unless NO_COLOR is set)')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'How long a command that changes AWS waits for another run''s workspace lease (`30s`, `5m`, `1h`; `0` fails at once)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (repeat for more)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'sleak;project;help' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add a project (an ECR repository, and a namespace in each environment it joins)')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove a project and everything declared under it')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the projects')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'sleak;project;help;add' {
            break
        }
        'sleak;project;help;remove' {
            break
        }
        'sleak;project;help;list' {
            break
        }
        'sleak;project;help;help' {
            break
        }
        'sleak;env' {
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]')
            [CompletionResult]::new('--workspace', '--workspace', [CompletionResultType]::ParameterName, 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS profile to use (from ~/.aws/config) [default: AWS_PROFILE or `default`]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region to call [default: AWS_REGION, the profile''s region, or the workspace''s `organization.region`]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format of data on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors (`auto` colors a terminal unless NO_COLOR is set)')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'How long a command that changes AWS waits for another run''s workspace lease (`30s`, `5m`, `1h`; `0` fails at once)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (repeat for more)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add an environment: a subdomain of the domain, on a cluster')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove an environment (no project may still use it)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the environments')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'sleak;env;add' {
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'Cluster the environment lives on')
            [CompletionResult]::new('--subdomain', '--subdomain', [CompletionResultType]::ParameterName, 'Subdomain of the domain [default: the environment name]')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]')
            [CompletionResult]::new('--workspace', '--workspace', [CompletionResultType]::ParameterName, 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS profile to use (from ~/.aws/config) [default: AWS_PROFILE or `default`]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region to call [default: AWS_REGION, the profile''s region, or the workspace''s `organization.region`]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format of data on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors (`auto` colors a terminal unless NO_COLOR is set)')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'How long a command that changes AWS waits for another run''s workspace lease (`30s`, `5m`, `1h`; `0` fails at once)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (repeat for more)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'sleak;env;remove' {
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]')
            [CompletionResult]::new('--workspace', '--workspace', [CompletionResultType]::ParameterName, 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS profile to use (from ~/.aws/config) [default: AWS_PROFILE or `default`]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region to call [default: AWS_REGION, the profile''s region, or the workspace''s `organization.region`]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format of data on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors (`auto` colors a terminal unless NO_COLOR is set)')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'How long a command that changes AWS waits for another run''s workspace lease (`30s`, `5m`, `1h`; `0` fails at once)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (repeat for more)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'sleak;env;list' {
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]')
            [CompletionResult]::new('--workspace', '--workspace', [CompletionResultType]::ParameterName, 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS profile to use (from ~/.aws/config) [default: AWS_PROFILE or `default`]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region to call [default: AWS_REGION, the profile''s region, or the workspace''s `organization.region`]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format of data on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors (`auto` colors a terminal unless NO_COLOR is set)')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'How long a command that changes AWS waits for another run''s workspace lease (`30s`, `5m`, `1h`; `0` fails at once)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (repeat for more)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'sleak;env;help' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add an environment: a subdomain of the domain, on a cluster')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove an environment (no project may still use it)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the environments')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'sleak;env;help;add' {
            break
        }
        'sleak;env;help;remove' {
            break
        }
        'sleak;env;help;list' {
            break
        }
        'sleak;env;help;help' {
            break
        }
        'sleak;dep' {
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]')
            [CompletionResult]::new('--workspace', '--workspace', [CompletionResultType]::ParameterName, 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS profile to use (from ~/.aws/config) [default: AWS_PROFILE or `default`]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region to call [default: AWS_REGION, the profile''s region, or the workspace''s `organization.region`]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format of data on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors (`auto` colors a terminal unless NO_COLOR is set)')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'How long a command that changes AWS waits for another run''s workspace lease (`30s`, `5m`, `1h`; `0` fails at once)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (repeat for more)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add a dependency to a project in an environment')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Delete a dependency''s resources (a database after a final snapshot) and remove it from sleak.toml')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List dependencies: state, endpoint and Secret of each')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'sleak;dep;add' {
            [CompletionResult]::new('--kind', '--kind', [CompletionResultType]::ParameterName, 'What the dependency is')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Project [default: the only project, or asked on a terminal]')
            [CompletionResult]::new('--project', '--project', [CompletionResultType]::ParameterName, 'Project [default: the only project, or asked on a terminal]')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'Environment [default: the only environment of the project, or asked on a terminal]')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Environment [default: the only environment of the project, or asked on a terminal]')
            [CompletionResult]::new('--variable-prefix', '--variable-prefix', [CompletionResultType]::ParameterName, 'Prefix of its connection variables [default: the name in upper case]')
            [CompletionResult]::new('--engine-version', '--engine-version', [CompletionResultType]::ParameterName, 'Engine version (postgres, mysql, mariadb, redis, memcached)')
            [CompletionResult]::new('--instance-class', '--instance-class', [CompletionResultType]::ParameterName, 'Instance class (postgres, mysql, mariadb), e.g. db.t4g.micro')
            [CompletionResult]::new('--storage-gib', '--storage-gib', [CompletionResultType]::ParameterName, 'Allocated storage in GiB (postgres, mysql, mariadb)')
            [CompletionResult]::new('--bucket', '--bucket', [CompletionResultType]::ParameterName, 'Bucket name (s3)')
            [CompletionResult]::new('--set', '--set', [CompletionResultType]::ParameterName, 'Set any other option of the dependency, as in sleak.toml (repeatable)')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]')
            [CompletionResult]::new('--workspace', '--workspace', [CompletionResultType]::ParameterName, 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS profile to use (from ~/.aws/config) [default: AWS_PROFILE or `default`]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region to call [default: AWS_REGION, the profile''s region, or the workspace''s `organization.region`]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format of data on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors (`auto` colors a terminal unless NO_COLOR is set)')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'How long a command that changes AWS waits for another run''s workspace lease (`30s`, `5m`, `1h`; `0` fails at once)')
            [CompletionResult]::new('--apply', '--apply', [CompletionResultType]::ParameterName, 'Then create it (and its Secret) at once, as `sleak apply` would')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (repeat for more)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'sleak;dep;remove' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Project [default: the only project, or asked on a terminal]')
            [CompletionResult]::new('--project', '--project', [CompletionResultType]::ParameterName, 'Project [default: the only project, or asked on a terminal]')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'Environment [default: the only environment of the project, or asked on a terminal]')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Environment [default: the only environment of the project, or asked on a terminal]')
            [CompletionResult]::new('--confirm', '--confirm', [CompletionResultType]::ParameterName, 'The dependency''s name again, to confirm without a prompt (needed with `--yes` too)')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]')
            [CompletionResult]::new('--workspace', '--workspace', [CompletionResultType]::ParameterName, 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS profile to use (from ~/.aws/config) [default: AWS_PROFILE or `default`]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region to call [default: AWS_REGION, the profile''s region, or the workspace''s `organization.region`]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format of data on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors (`auto` colors a terminal unless NO_COLOR is set)')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'How long a command that changes AWS waits for another run''s workspace lease (`30s`, `5m`, `1h`; `0` fails at once)')
            [CompletionResult]::new('--skip-final-snapshot', '--skip-final-snapshot', [CompletionResultType]::ParameterName, 'Delete a database without taking a final snapshot first')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show what would be deleted and stop')
            [CompletionResult]::new('--workspace-only', '--workspace-only', [CompletionResultType]::ParameterName, 'Only remove it from sleak.toml, with no AWS call: what AWS and the cluster have of it stays, no longer managed by sleak')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (repeat for more)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'sleak;dep;list' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Only this project')
            [CompletionResult]::new('--project', '--project', [CompletionResultType]::ParameterName, 'Only this project')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'Only this environment')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Only this environment')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]')
            [CompletionResult]::new('--workspace', '--workspace', [CompletionResultType]::ParameterName, 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS profile to use (from ~/.aws/config) [default: AWS_PROFILE or `default`]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region to call [default: AWS_REGION, the profile''s region, or the workspace''s `organization.region`]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format of data on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors (`auto` colors a terminal unless NO_COLOR is set)')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'How long a command that changes AWS waits for another run''s workspace lease (`30s`, `5m`, `1h`; `0` fails at once)')
            [CompletionResult]::new('--offline', '--offline', [CompletionResultType]::ParameterName, 'Only what sleak.toml says: no state or endpoint, no AWS call')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (repeat for more)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'sleak;dep;help' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add a dependency to a project in an environment')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Delete a dependency''s resources (a database after a final snapshot) and remove it from sleak.toml')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List dependencies: state, endpoint and Secret of each')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'sleak;dep;help;add' {
            break
        }
        'sleak;dep;help;remove' {
            break
        }
        'sleak;dep;help;list' {
            break
        }
        'sleak;dep;help;help' {
            break
        }
        'sleak;service' {
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]')
            [CompletionResult]::new('--workspace', '--workspace', [CompletionResultType]::ParameterName, 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS profile to use (from ~/.aws/config) [default: AWS_PROFILE or `default`]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region to call [default: AWS_REGION, the profile''s region, or the workspace''s `organization.region`]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format of data on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors (`auto` colors a terminal unless NO_COLOR is set)')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'How long a command that changes AWS waits for another run''s workspace lease (`30s`, `5m`, `1h`; `0` fails at once)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (repeat for more)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add a service to a project in an environment')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove a service')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List services')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'sleak;service;add' {
            [CompletionResult]::new('--kind', '--kind', [CompletionResultType]::ParameterName, 'What the service is')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Project [default: the only project, or asked on a terminal]')
            [CompletionResult]::new('--project', '--project', [CompletionResultType]::ParameterName, 'Project [default: the only project, or asked on a terminal]')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'Environment [default: the only environment of the project, or asked on a terminal]')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Environment [default: the only environment of the project, or asked on a terminal]')
            [CompletionResult]::new('--image', '--image', [CompletionResultType]::ParameterName, 'Container image [default: the project''s repository at the release''s tag]')
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'Port the container listens on (web)')
            [CompletionResult]::new('--expose', '--expose', [CompletionResultType]::ParameterName, 'Who can reach a web service')
            [CompletionResult]::new('--replicas', '--replicas', [CompletionResultType]::ParameterName, 'Number of pods (web, worker)')
            [CompletionResult]::new('--schedule', '--schedule', [CompletionResultType]::ParameterName, 'Cron schedule (cron), e.g. "0 3 * * *"')
            [CompletionResult]::new('--cpu', '--cpu', [CompletionResultType]::ParameterName, 'CPU request, e.g. 250m')
            [CompletionResult]::new('--memory', '--memory', [CompletionResultType]::ParameterName, 'Memory request, e.g. 512Mi')
            [CompletionResult]::new('--health-path', '--health-path', [CompletionResultType]::ParameterName, 'HTTP path of the health check (web), e.g. /healthz')
            [CompletionResult]::new('--var', '--var', [CompletionResultType]::ParameterName, 'A plain variable of this service (repeatable)')
            [CompletionResult]::new('--set', '--set', [CompletionResultType]::ParameterName, 'Set any other option of the service, as in sleak.toml (repeatable)')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]')
            [CompletionResult]::new('--workspace', '--workspace', [CompletionResultType]::ParameterName, 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS profile to use (from ~/.aws/config) [default: AWS_PROFILE or `default`]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region to call [default: AWS_REGION, the profile''s region, or the workspace''s `organization.region`]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format of data on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors (`auto` colors a terminal unless NO_COLOR is set)')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'How long a command that changes AWS waits for another run''s workspace lease (`30s`, `5m`, `1h`; `0` fails at once)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (repeat for more)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'sleak;service;remove' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Project [default: the only project, or asked on a terminal]')
            [CompletionResult]::new('--project', '--project', [CompletionResultType]::ParameterName, 'Project [default: the only project, or asked on a terminal]')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'Environment [default: the only environment of the project, or asked on a terminal]')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Environment [default: the only environment of the project, or asked on a terminal]')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]')
            [CompletionResult]::new('--workspace', '--workspace', [CompletionResultType]::ParameterName, 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS profile to use (from ~/.aws/config) [default: AWS_PROFILE or `default`]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region to call [default: AWS_REGION, the profile''s region, or the workspace''s `organization.region`]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format of data on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors (`auto` colors a terminal unless NO_COLOR is set)')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'How long a command that changes AWS waits for another run''s workspace lease (`30s`, `5m`, `1h`; `0` fails at once)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (repeat for more)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'sleak;service;list' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Only this project')
            [CompletionResult]::new('--project', '--project', [CompletionResultType]::ParameterName, 'Only this project')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'Only this environment')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Only this environment')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]')
            [CompletionResult]::new('--workspace', '--workspace', [CompletionResultType]::ParameterName, 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS profile to use (from ~/.aws/config) [default: AWS_PROFILE or `default`]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region to call [default: AWS_REGION, the profile''s region, or the workspace''s `organization.region`]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format of data on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors (`auto` colors a terminal unless NO_COLOR is set)')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'How long a command that changes AWS waits for another run''s workspace lease (`30s`, `5m`, `1h`; `0` fails at once)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (repeat for more)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'sleak;service;help' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add a service to a project in an environment')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove a service')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List services')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'sleak;service;help;add' {
            break
        }
        'sleak;service;help;remove' {
            break
        }
        'sleak;service;help;list' {
            break
        }
        'sleak;service;help;help' {
            break
        }
        'sleak;build' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'The project whose image to build [default: the only one]')
            [CompletionResult]::new('--project', '--project', [CompletionResultType]::ParameterName, 'The project whose image to build [default: the only one]')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'The Dockerfile [default: Dockerfile in the build context]')
            [CompletionResult]::new('--file', '--file', [CompletionResultType]::ParameterName, 'The Dockerfile [default: Dockerfile in the build context]')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The folder sent to the builder [default: the current folder]')
            [CompletionResult]::new('--tag', '--tag', [CompletionResultType]::ParameterName, 'The image''s tag [default: the context''s git commit, 12 characters]')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]')
            [CompletionResult]::new('--workspace', '--workspace', [CompletionResultType]::ParameterName, 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS profile to use (from ~/.aws/config) [default: AWS_PROFILE or `default`]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region to call [default: AWS_REGION, the profile''s region, or the workspace''s `organization.region`]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format of data on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors (`auto` colors a terminal unless NO_COLOR is set)')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'How long a command that changes AWS waits for another run''s workspace lease (`30s`, `5m`, `1h`; `0` fails at once)')
            [CompletionResult]::new('--allow-dirty', '--allow-dirty', [CompletionResultType]::ParameterName, 'Build a tree with uncommitted changes (the tag ends in `-dirty-<hash>`)')
            [CompletionResult]::new('--no-push', '--no-push', [CompletionResultType]::ParameterName, 'Build only: no login, no push')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (repeat for more)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'sleak;var' {
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]')
            [CompletionResult]::new('--workspace', '--workspace', [CompletionResultType]::ParameterName, 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS profile to use (from ~/.aws/config) [default: AWS_PROFILE or `default`]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region to call [default: AWS_REGION, the profile''s region, or the workspace''s `organization.region`]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format of data on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors (`auto` colors a terminal unless NO_COLOR is set)')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'How long a command that changes AWS waits for another run''s workspace lease (`30s`, `5m`, `1h`; `0` fails at once)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (repeat for more)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Set variables: plain values in sleak.toml, secret values (`--secret`) in AWS Secrets Manager')
            [CompletionResult]::new('unset', 'unset', [CompletionResultType]::ParameterValue, 'Remove variables from a group (plain or secret)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the variables of a project''s environment, or the effective set of a service')
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'Print the effective value of one variable (a secret one masked unless `--reveal`)')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Import variables from a .env file: all or nothing')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Print the effective variables as a .env file, to run the app locally')
            [CompletionResult]::new('explain', 'explain', [CompletionResultType]::ParameterValue, 'Show every group that defines a variable, which one wins and why')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'sleak;var;set' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Project [default: the only project, or asked on a terminal]')
            [CompletionResult]::new('--project', '--project', [CompletionResultType]::ParameterName, 'Project [default: the only project, or asked on a terminal]')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'Environment [default: the only environment of the project, or asked on a terminal]')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Environment [default: the only environment of the project, or asked on a terminal]')
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'The service''s own group (or, for reads, the service''s effective set) [default: the global group]')
            [CompletionResult]::new('--service', '--service', [CompletionResultType]::ParameterName, 'The service''s own group (or, for reads, the service''s effective set) [default: the global group]')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]')
            [CompletionResult]::new('--workspace', '--workspace', [CompletionResultType]::ParameterName, 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS profile to use (from ~/.aws/config) [default: AWS_PROFILE or `default`]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region to call [default: AWS_REGION, the profile''s region, or the workspace''s `organization.region`]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format of data on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors (`auto` colors a terminal unless NO_COLOR is set)')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'How long a command that changes AWS waits for another run''s workspace lease (`30s`, `5m`, `1h`; `0` fails at once)')
            [CompletionResult]::new('--secret', '--secret', [CompletionResultType]::ParameterName, 'Keep the values in AWS Secrets Manager; sleak.toml gets only their names')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (repeat for more)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'sleak;var;unset' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Project [default: the only project, or asked on a terminal]')
            [CompletionResult]::new('--project', '--project', [CompletionResultType]::ParameterName, 'Project [default: the only project, or asked on a terminal]')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'Environment [default: the only environment of the project, or asked on a terminal]')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Environment [default: the only environment of the project, or asked on a terminal]')
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'The service''s own group (or, for reads, the service''s effective set) [default: the global group]')
            [CompletionResult]::new('--service', '--service', [CompletionResultType]::ParameterName, 'The service''s own group (or, for reads, the service''s effective set) [default: the global group]')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]')
            [CompletionResult]::new('--workspace', '--workspace', [CompletionResultType]::ParameterName, 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS profile to use (from ~/.aws/config) [default: AWS_PROFILE or `default`]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region to call [default: AWS_REGION, the profile''s region, or the workspace''s `organization.region`]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format of data on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors (`auto` colors a terminal unless NO_COLOR is set)')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'How long a command that changes AWS waits for another run''s workspace lease (`30s`, `5m`, `1h`; `0` fails at once)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (repeat for more)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'sleak;var;list' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Project [default: the only project, or asked on a terminal]')
            [CompletionResult]::new('--project', '--project', [CompletionResultType]::ParameterName, 'Project [default: the only project, or asked on a terminal]')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'Environment [default: the only environment of the project, or asked on a terminal]')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Environment [default: the only environment of the project, or asked on a terminal]')
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'The service''s own group (or, for reads, the service''s effective set) [default: the global group]')
            [CompletionResult]::new('--service', '--service', [CompletionResultType]::ParameterName, 'The service''s own group (or, for reads, the service''s effective set) [default: the global group]')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]')
            [CompletionResult]::new('--workspace', '--workspace', [CompletionResultType]::ParameterName, 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS profile to use (from ~/.aws/config) [default: AWS_PROFILE or `default`]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region to call [default: AWS_REGION, the profile''s region, or the workspace''s `organization.region`]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format of data on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors (`auto` colors a terminal unless NO_COLOR is set)')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'How long a command that changes AWS waits for another run''s workspace lease (`30s`, `5m`, `1h`; `0` fails at once)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (repeat for more)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'sleak;var;get' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Project [default: the only project, or asked on a terminal]')
            [CompletionResult]::new('--project', '--project', [CompletionResultType]::ParameterName, 'Project [default: the only project, or asked on a terminal]')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'Environment [default: the only environment of the project, or asked on a terminal]')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Environment [default: the only environment of the project, or asked on a terminal]')
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'The service''s own group (or, for reads, the service''s effective set) [default: the global group]')
            [CompletionResult]::new('--service', '--service', [CompletionResultType]::ParameterName, 'The service''s own group (or, for reads, the service''s effective set) [default: the global group]')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]')
            [CompletionResult]::new('--workspace', '--workspace', [CompletionResultType]::ParameterName, 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS profile to use (from ~/.aws/config) [default: AWS_PROFILE or `default`]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region to call [default: AWS_REGION, the profile''s region, or the workspace''s `organization.region`]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format of data on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors (`auto` colors a terminal unless NO_COLOR is set)')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'How long a command that changes AWS waits for another run''s workspace lease (`30s`, `5m`, `1h`; `0` fails at once)')
            [CompletionResult]::new('--reveal', '--reveal', [CompletionResultType]::ParameterName, 'Print a secret value (to stdout only)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (repeat for more)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'sleak;var;import' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Project [default: the only project, or asked on a terminal]')
            [CompletionResult]::new('--project', '--project', [CompletionResultType]::ParameterName, 'Project [default: the only project, or asked on a terminal]')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'Environment [default: the only environment of the project, or asked on a terminal]')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Environment [default: the only environment of the project, or asked on a terminal]')
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'The service''s own group (or, for reads, the service''s effective set) [default: the global group]')
            [CompletionResult]::new('--service', '--service', [CompletionResultType]::ParameterName, 'The service''s own group (or, for reads, the service''s effective set) [default: the global group]')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]')
            [CompletionResult]::new('--workspace', '--workspace', [CompletionResultType]::ParameterName, 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS profile to use (from ~/.aws/config) [default: AWS_PROFILE or `default`]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region to call [default: AWS_REGION, the profile''s region, or the workspace''s `organization.region`]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format of data on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors (`auto` colors a terminal unless NO_COLOR is set)')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'How long a command that changes AWS waits for another run''s workspace lease (`30s`, `5m`, `1h`; `0` fails at once)')
            [CompletionResult]::new('--secret', '--secret', [CompletionResultType]::ParameterName, 'Keep the values in AWS Secrets Manager; sleak.toml gets only their names')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (repeat for more)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'sleak;var;export' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Project [default: the only project, or asked on a terminal]')
            [CompletionResult]::new('--project', '--project', [CompletionResultType]::ParameterName, 'Project [default: the only project, or asked on a terminal]')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'Environment [default: the only environment of the project, or asked on a terminal]')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Environment [default: the only environment of the project, or asked on a terminal]')
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'The service''s own group (or, for reads, the service''s effective set) [default: the global group]')
            [CompletionResult]::new('--service', '--service', [CompletionResultType]::ParameterName, 'The service''s own group (or, for reads, the service''s effective set) [default: the global group]')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]')
            [CompletionResult]::new('--workspace', '--workspace', [CompletionResultType]::ParameterName, 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS profile to use (from ~/.aws/config) [default: AWS_PROFILE or `default`]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region to call [default: AWS_REGION, the profile''s region, or the workspace''s `organization.region`]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format of data on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors (`auto` colors a terminal unless NO_COLOR is set)')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'How long a command that changes AWS waits for another run''s workspace lease (`30s`, `5m`, `1h`; `0` fails at once)')
            [CompletionResult]::new('--reveal', '--reveal', [CompletionResultType]::ParameterName, 'Write secret values too (from Secrets Manager)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (repeat for more)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'sleak;var;explain' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Project [default: the only project, or asked on a terminal]')
            [CompletionResult]::new('--project', '--project', [CompletionResultType]::ParameterName, 'Project [default: the only project, or asked on a terminal]')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'Environment [default: the only environment of the project, or asked on a terminal]')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Environment [default: the only environment of the project, or asked on a terminal]')
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'The service''s own group (or, for reads, the service''s effective set) [default: the global group]')
            [CompletionResult]::new('--service', '--service', [CompletionResultType]::ParameterName, 'The service''s own group (or, for reads, the service''s effective set) [default: the global group]')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]')
            [CompletionResult]::new('--workspace', '--workspace', [CompletionResultType]::ParameterName, 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS profile to use (from ~/.aws/config) [default: AWS_PROFILE or `default`]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region to call [default: AWS_REGION, the profile''s region, or the workspace''s `organization.region`]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format of data on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors (`auto` colors a terminal unless NO_COLOR is set)')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'How long a command that changes AWS waits for another run''s workspace lease (`30s`, `5m`, `1h`; `0` fails at once)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (repeat for more)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'sleak;var;help' {
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Set variables: plain values in sleak.toml, secret values (`--secret`) in AWS Secrets Manager')
            [CompletionResult]::new('unset', 'unset', [CompletionResultType]::ParameterValue, 'Remove variables from a group (plain or secret)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the variables of a project''s environment, or the effective set of a service')
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'Print the effective value of one variable (a secret one masked unless `--reveal`)')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Import variables from a .env file: all or nothing')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Print the effective variables as a .env file, to run the app locally')
            [CompletionResult]::new('explain', 'explain', [CompletionResultType]::ParameterValue, 'Show every group that defines a variable, which one wins and why')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'sleak;var;help;set' {
            break
        }
        'sleak;var;help;unset' {
            break
        }
        'sleak;var;help;list' {
            break
        }
        'sleak;var;help;get' {
            break
        }
        'sleak;var;help;import' {
            break
        }
        'sleak;var;help;export' {
            break
        }
        'sleak;var;help;explain' {
            break
        }
        'sleak;var;help;help' {
            break
        }
        'sleak;release' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Project [default: the only project, or asked on a terminal]')
            [CompletionResult]::new('--project', '--project', [CompletionResultType]::ParameterName, 'Project [default: the only project, or asked on a terminal]')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'Environment [default: the only environment of the project, or asked on a terminal]')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Environment [default: the only environment of the project, or asked on a terminal]')
            [CompletionResult]::new('--image-tag', '--image-tag', [CompletionResultType]::ParameterName, 'Image tag to deploy: services without their own `image` run the project''s repository at this tag')
            [CompletionResult]::new('--out', '--out', [CompletionResultType]::ParameterName, 'Folder to write the chart to [default: ./<project>-<env>-chart]')
            [CompletionResult]::new('--repository', '--repository', [CompletionResultType]::ParameterName, 'Image repository URI [default: the project''s ECR repository, looked up in the management account]')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]')
            [CompletionResult]::new('--workspace', '--workspace', [CompletionResultType]::ParameterName, 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS profile to use (from ~/.aws/config) [default: AWS_PROFILE or `default`]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region to call [default: AWS_REGION, the profile''s region, or the workspace''s `organization.region`]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format of data on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors (`auto` colors a terminal unless NO_COLOR is set)')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'How long a command that changes AWS waits for another run''s workspace lease (`30s`, `5m`, `1h`; `0` fails at once)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (repeat for more)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'sleak;deploy' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Project [default: the only project, or asked on a terminal]')
            [CompletionResult]::new('--project', '--project', [CompletionResultType]::ParameterName, 'Project [default: the only project, or asked on a terminal]')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'Environment [default: the only environment of the project, or asked on a terminal]')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Environment [default: the only environment of the project, or asked on a terminal]')
            [CompletionResult]::new('--image-tag', '--image-tag', [CompletionResultType]::ParameterName, 'Image tag to deploy [default: the HEAD commit of the git repository of the current folder, as `sleak build` tags it]')
            [CompletionResult]::new('--release', '--release', [CompletionResultType]::ParameterName, 'Deploy a chart written by `sleak release` instead of rendering the workspace')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'How long the services may take to be ready')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]')
            [CompletionResult]::new('--workspace', '--workspace', [CompletionResultType]::ParameterName, 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS profile to use (from ~/.aws/config) [default: AWS_PROFILE or `default`]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region to call [default: AWS_REGION, the profile''s region, or the workspace''s `organization.region`]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format of data on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors (`auto` colors a terminal unless NO_COLOR is set)')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'How long a command that changes AWS waits for another run''s workspace lease (`30s`, `5m`, `1h`; `0` fails at once)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show what would change, object by object (server-side dry run); change nothing')
            [CompletionResult]::new('--atomic', '--atomic', [CompletionResultType]::ParameterName, 'If the deploy fails, put the previous revision back')
            [CompletionResult]::new('--no-wait', '--no-wait', [CompletionResultType]::ParameterName, 'Do not wait for the services to be ready')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Deploy even when nothing changed (a new revision of the same release)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (repeat for more)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'sleak;rollback' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Project [default: the only project, or asked on a terminal]')
            [CompletionResult]::new('--project', '--project', [CompletionResultType]::ParameterName, 'Project [default: the only project, or asked on a terminal]')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'Environment [default: the only environment of the project, or asked on a terminal]')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Environment [default: the only environment of the project, or asked on a terminal]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'How long the services may take to be ready')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]')
            [CompletionResult]::new('--workspace', '--workspace', [CompletionResultType]::ParameterName, 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS profile to use (from ~/.aws/config) [default: AWS_PROFILE or `default`]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region to call [default: AWS_REGION, the profile''s region, or the workspace''s `organization.region`]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format of data on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors (`auto` colors a terminal unless NO_COLOR is set)')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'How long a command that changes AWS waits for another run''s workspace lease (`30s`, `5m`, `1h`; `0` fails at once)')
            [CompletionResult]::new('--no-wait', '--no-wait', [CompletionResultType]::ParameterName, 'Do not wait for the services to be ready')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (repeat for more)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'sleak;releases' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Project [default: the only project, or asked on a terminal]')
            [CompletionResult]::new('--project', '--project', [CompletionResultType]::ParameterName, 'Project [default: the only project, or asked on a terminal]')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'Environment [default: the only environment of the project, or asked on a terminal]')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Environment [default: the only environment of the project, or asked on a terminal]')
            [CompletionResult]::new('--max', '--max', [CompletionResultType]::ParameterName, 'Show at most this many revisions, the latest')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]')
            [CompletionResult]::new('--workspace', '--workspace', [CompletionResultType]::ParameterName, 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS profile to use (from ~/.aws/config) [default: AWS_PROFILE or `default`]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region to call [default: AWS_REGION, the profile''s region, or the workspace''s `organization.region`]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format of data on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors (`auto` colors a terminal unless NO_COLOR is set)')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'How long a command that changes AWS waits for another run''s workspace lease (`30s`, `5m`, `1h`; `0` fails at once)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (repeat for more)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'sleak;logs' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Project [default: the only project, or asked on a terminal]')
            [CompletionResult]::new('--project', '--project', [CompletionResultType]::ParameterName, 'Project [default: the only project, or asked on a terminal]')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'Environment [default: the only environment of the project, or asked on a terminal]')
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'Environment [default: the only environment of the project, or asked on a terminal]')
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'Only lines newer than this (e.g. 10m, 1h)')
            [CompletionResult]::new('--tail', '--tail', [CompletionResultType]::ParameterName, 'Lines from the end of each pod''s log [default: all]')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]')
            [CompletionResult]::new('--workspace', '--workspace', [CompletionResultType]::ParameterName, 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS profile to use (from ~/.aws/config) [default: AWS_PROFILE or `default`]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region to call [default: AWS_REGION, the profile''s region, or the workspace''s `organization.region`]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format of data on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors (`auto` colors a terminal unless NO_COLOR is set)')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'How long a command that changes AWS waits for another run''s workspace lease (`30s`, `5m`, `1h`; `0` fails at once)')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Keep streaming new lines')
            [CompletionResult]::new('--follow', '--follow', [CompletionResultType]::ParameterName, 'Keep streaming new lines')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (repeat for more)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'sleak;sandbox' {
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]')
            [CompletionResult]::new('--workspace', '--workspace', [CompletionResultType]::ParameterName, 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS profile to use (from ~/.aws/config) [default: AWS_PROFILE or `default`]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region to call [default: AWS_REGION, the profile''s region, or the workspace''s `organization.region`]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format of data on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors (`auto` colors a terminal unless NO_COLOR is set)')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'How long a command that changes AWS waits for another run''s workspace lease (`30s`, `5m`, `1h`; `0` fails at once)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (repeat for more)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('up', 'up', [CompletionResultType]::ParameterValue, 'Start a local AWS emulator (moto) and the Kubernetes API stand-in, in the background')
            [CompletionResult]::new('down', 'down', [CompletionResultType]::ParameterValue, 'Stop what `sleak sandbox up` started, and say what was stopped')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Show each part of the sandbox: its PID, URL and whether it answers')
            [CompletionResult]::new('env', 'env', [CompletionResultType]::ParameterValue, 'Print the shell lines that point sleak, the aws CLI, kubectl and helm at the sandbox')
            [CompletionResult]::new('kube', 'kube', [CompletionResultType]::ParameterValue, 'Serve a Kubernetes API stand-in and write a kubeconfig for it')
            [CompletionResult]::new('stop', 'stop', [CompletionResultType]::ParameterValue, 'Stop the stand-in started with `sleak sandbox kube --background`')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'sleak;sandbox;up' {
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]')
            [CompletionResult]::new('--workspace', '--workspace', [CompletionResultType]::ParameterName, 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS profile to use (from ~/.aws/config) [default: AWS_PROFILE or `default`]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region to call [default: AWS_REGION, the profile''s region, or the workspace''s `organization.region`]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format of data on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors (`auto` colors a terminal unless NO_COLOR is set)')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'How long a command that changes AWS waits for another run''s workspace lease (`30s`, `5m`, `1h`; `0` fails at once)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (repeat for more)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'sleak;sandbox;down' {
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]')
            [CompletionResult]::new('--workspace', '--workspace', [CompletionResultType]::ParameterName, 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS profile to use (from ~/.aws/config) [default: AWS_PROFILE or `default`]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region to call [default: AWS_REGION, the profile''s region, or the workspace''s `organization.region`]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format of data on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors (`auto` colors a terminal unless NO_COLOR is set)')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'How long a command that changes AWS waits for another run''s workspace lease (`30s`, `5m`, `1h`; `0` fails at once)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (repeat for more)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'sleak;sandbox;status' {
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]')
            [CompletionResult]::new('--workspace', '--workspace', [CompletionResultType]::ParameterName, 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS profile to use (from ~/.aws/config) [default: AWS_PROFILE or `default`]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region to call [default: AWS_REGION, the profile''s region, or the workspace''s `organization.region`]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format of data on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors (`auto` colors a terminal unless NO_COLOR is set)')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'How long a command that changes AWS waits for another run''s workspace lease (`30s`, `5m`, `1h`; `0` fails at once)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (repeat for more)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'sleak;sandbox;env' {
            [CompletionResult]::new('--shell', '--shell', [CompletionResultType]::ParameterName, 'The shell whose syntax to print')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]')
            [CompletionResult]::new('--workspace', '--workspace', [CompletionResultType]::ParameterName, 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS profile to use (from ~/.aws/config) [default: AWS_PROFILE or `default`]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region to call [default: AWS_REGION, the profile''s region, or the workspace''s `organization.region`]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format of data on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors (`auto` colors a terminal unless NO_COLOR is set)')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'How long a command that changes AWS waits for another run''s workspace lease (`30s`, `5m`, `1h`; `0` fails at once)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (repeat for more)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'sleak;sandbox;kube' {
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'Port to listen on (0: a free one)')
            [CompletionResult]::new('--kubeconfig', '--kubeconfig', [CompletionResultType]::ParameterName, 'Where to write the kubeconfig [default: sandbox/kubeconfig in the data folder]')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Name of the kubeconfig context')
            [CompletionResult]::new('--ready-delay-ms', '--ready-delay-ms', [CompletionResultType]::ParameterName, 'Milliseconds a new pod takes to become ready')
            [CompletionResult]::new('--failure-pattern', '--failure-pattern', [CompletionResultType]::ParameterName, 'Workloads whose image contains this text never become ready (CrashLoopBackOff)')
            [CompletionResult]::new('--latency-ms', '--latency-ms', [CompletionResultType]::ParameterName, 'Milliseconds added to every request')
            [CompletionResult]::new('--fault-rate', '--fault-rate', [CompletionResultType]::ParameterName, 'Share of requests (0 to 1) answered with an injected 500 or 429')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]')
            [CompletionResult]::new('--workspace', '--workspace', [CompletionResultType]::ParameterName, 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS profile to use (from ~/.aws/config) [default: AWS_PROFILE or `default`]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region to call [default: AWS_REGION, the profile''s region, or the workspace''s `organization.region`]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format of data on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors (`auto` colors a terminal unless NO_COLOR is set)')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'How long a command that changes AWS waits for another run''s workspace lease (`30s`, `5m`, `1h`; `0` fails at once)')
            [CompletionResult]::new('--background', '--background', [CompletionResultType]::ParameterName, 'Run in the background and return once it serves; prints the kubeconfig path')
            [CompletionResult]::new('--persist', '--persist', [CompletionResultType]::ParameterName, 'Keep the cluster''s objects across restarts, in the data folder')
            [CompletionResult]::new('--accept-eks-tokens', '--accept-eks-tokens', [CompletionResultType]::ParameterName, 'Also accept EKS tokens (`sleak eks-token`, `aws eks get-token`), checked by form and age only: the stand-in cannot verify their signature')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (repeat for more)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'sleak;sandbox;stop' {
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]')
            [CompletionResult]::new('--workspace', '--workspace', [CompletionResultType]::ParameterName, 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS profile to use (from ~/.aws/config) [default: AWS_PROFILE or `default`]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region to call [default: AWS_REGION, the profile''s region, or the workspace''s `organization.region`]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format of data on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors (`auto` colors a terminal unless NO_COLOR is set)')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'How long a command that changes AWS waits for another run''s workspace lease (`30s`, `5m`, `1h`; `0` fails at once)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (repeat for more)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'sleak;sandbox;help' {
            [CompletionResult]::new('up', 'up', [CompletionResultType]::ParameterValue, 'Start a local AWS emulator (moto) and the Kubernetes API stand-in, in the background')
            [CompletionResult]::new('down', 'down', [CompletionResultType]::ParameterValue, 'Stop what `sleak sandbox up` started, and say what was stopped')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Show each part of the sandbox: its PID, URL and whether it answers')
            [CompletionResult]::new('env', 'env', [CompletionResultType]::ParameterValue, 'Print the shell lines that point sleak, the aws CLI, kubectl and helm at the sandbox')
            [CompletionResult]::new('kube', 'kube', [CompletionResultType]::ParameterValue, 'Serve a Kubernetes API stand-in and write a kubeconfig for it')
            [CompletionResult]::new('stop', 'stop', [CompletionResultType]::ParameterValue, 'Stop the stand-in started with `sleak sandbox kube --background`')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'sleak;sandbox;help;up' {
            break
        }
        'sleak;sandbox;help;down' {
            break
        }
        'sleak;sandbox;help;status' {
            break
        }
        'sleak;sandbox;help;env' {
            break
        }
        'sleak;sandbox;help;kube' {
            break
        }
        'sleak;sandbox;help;stop' {
            break
        }
        'sleak;sandbox;help;help' {
            break
        }
        'sleak;demo' {
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]')
            [CompletionResult]::new('--workspace', '--workspace', [CompletionResultType]::ParameterName, 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS profile to use (from ~/.aws/config) [default: AWS_PROFILE or `default`]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region to call [default: AWS_REGION, the profile''s region, or the workspace''s `organization.region`]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format of data on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors (`auto` colors a terminal unless NO_COLOR is set)')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'How long a command that changes AWS waits for another run''s workspace lease (`30s`, `5m`, `1h`; `0` fails at once)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (repeat for more)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'sleak;whoami' {
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]')
            [CompletionResult]::new('--workspace', '--workspace', [CompletionResultType]::ParameterName, 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS profile to use (from ~/.aws/config) [default: AWS_PROFILE or `default`]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region to call [default: AWS_REGION, the profile''s region, or the workspace''s `organization.region`]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format of data on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors (`auto` colors a terminal unless NO_COLOR is set)')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'How long a command that changes AWS waits for another run''s workspace lease (`30s`, `5m`, `1h`; `0` fails at once)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (repeat for more)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'sleak;schema' {
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]')
            [CompletionResult]::new('--workspace', '--workspace', [CompletionResultType]::ParameterName, 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS profile to use (from ~/.aws/config) [default: AWS_PROFILE or `default`]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region to call [default: AWS_REGION, the profile''s region, or the workspace''s `organization.region`]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format of data on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors (`auto` colors a terminal unless NO_COLOR is set)')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'How long a command that changes AWS waits for another run''s workspace lease (`30s`, `5m`, `1h`; `0` fails at once)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (repeat for more)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'sleak;completions' {
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]')
            [CompletionResult]::new('--workspace', '--workspace', [CompletionResultType]::ParameterName, 'The workspace: a sleak.toml file or a folder holding one [default: the nearest sleak.toml in the current folder or above]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS profile to use (from ~/.aws/config) [default: AWS_PROFILE or `default`]')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region to call [default: AWS_REGION, the profile''s region, or the workspace''s `organization.region`]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format of data on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors (`auto` colors a terminal unless NO_COLOR is set)')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'How long a command that changes AWS waits for another run''s workspace lease (`30s`, `5m`, `1h`; `0` fails at once)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (repeat for more)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'sleak;help' {
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Create a sleak.toml in the current folder')
            [CompletionResult]::new('validate', 'validate', [CompletionResultType]::ParameterValue, 'Check sleak.toml and report every problem in it')
            [CompletionResult]::new('plan', 'plan', [CompletionResultType]::ParameterValue, 'Show what applying the workspace would change in AWS (`--offline`: every resource the workspace describes, in the order sleak creates them, without asking AWS)')
            [CompletionResult]::new('onboard', 'onboard', [CompletionResultType]::ParameterValue, 'Build the organization, its accounts, their networks, the VPN and the DNS zone')
            [CompletionResult]::new('apply', 'apply', [CompletionResultType]::ParameterValue, 'Make AWS match the workspace: create what is missing, fix what differs')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Show every resource sleak manages, per account: ok, missing, changed or drifted')
            [CompletionResult]::new('destroy', 'destroy', [CompletionResultType]::ParameterValue, 'Delete what sleak built, in reverse order, and sweep its orphaned resources')
            [CompletionResult]::new('vpn', 'vpn', [CompletionResultType]::ParameterValue, 'Show the VPN server: console address, state, and how to get its setup key')
            [CompletionResult]::new('doctor', 'doctor', [CompletionResultType]::ParameterValue, 'Check credentials, the organization, every resource, the VPN and the domain''s delegation')
            [CompletionResult]::new('unlock', 'unlock', [CompletionResultType]::ParameterValue, 'Show the workspace''s lease (the run changing AWS now), or remove one left behind')
            [CompletionResult]::new('cluster', 'cluster', [CompletionResultType]::ParameterValue, 'Create, list, inspect and delete Kubernetes clusters (EKS or a kubeconfig context)')
            [CompletionResult]::new('kubeconfig', 'kubeconfig', [CompletionResultType]::ParameterValue, 'Add a cluster''s context to your kubeconfig, as `aws eks update-kubeconfig` does')
            [CompletionResult]::new('eks-token', 'eks-token', [CompletionResultType]::ParameterValue, 'Print an EKS authentication token as a kubectl exec credential')
            [CompletionResult]::new('project', 'project', [CompletionResultType]::ParameterValue, 'Add, remove and list projects')
            [CompletionResult]::new('env', 'env', [CompletionResultType]::ParameterValue, 'Add, remove and list environments')
            [CompletionResult]::new('dep', 'dep', [CompletionResultType]::ParameterValue, 'Add, remove and list dependencies (databases, buckets, caches, queues)')
            [CompletionResult]::new('service', 'service', [CompletionResultType]::ParameterValue, 'Add, remove and list services (web services, workers, cron jobs)')
            [CompletionResult]::new('build', 'build', [CompletionResultType]::ParameterValue, 'Build a project''s image from its Dockerfile and push it to the project''s ECR repository')
            [CompletionResult]::new('var', 'var', [CompletionResultType]::ParameterValue, 'Set, list and explain variables: plain ones in sleak.toml, secret ones in AWS Secrets Manager')
            [CompletionResult]::new('release', 'release', [CompletionResultType]::ParameterValue, 'Write the Helm chart of a project''s services in an environment')
            [CompletionResult]::new('deploy', 'deploy', [CompletionResultType]::ParameterValue, 'Deploy a project''s services to an environment, as a new Helm-compatible revision')
            [CompletionResult]::new('rollback', 'rollback', [CompletionResultType]::ParameterValue, 'Put a previous revision of a project''s deploy back, as a new revision')
            [CompletionResult]::new('releases', 'releases', [CompletionResultType]::ParameterValue, 'List the revisions of a project''s deploys to an environment')
            [CompletionResult]::new('logs', 'logs', [CompletionResultType]::ParameterValue, 'Show the logs of a service''s pods, each line prefixed by its pod')
            [CompletionResult]::new('sandbox', 'sandbox', [CompletionResultType]::ParameterValue, 'Run local stand-ins: an AWS emulator and a Kubernetes API that kubectl and Helm accept')
            [CompletionResult]::new('demo', 'demo', [CompletionResultType]::ParameterValue, 'Run the whole platform in the local sandbox: a workspace, onboarding, a cluster, dependencies, variables, services and a deploy')
            [CompletionResult]::new('whoami', 'whoami', [CompletionResultType]::ParameterValue, 'Show the AWS identity and account sleak would act as')
            [CompletionResult]::new('schema', 'schema', [CompletionResultType]::ParameterValue, 'Print the JSON Schema of sleak.toml, for editors')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'sleak;help;init' {
            break
        }
        'sleak;help;validate' {
            break
        }
        'sleak;help;plan' {
            break
        }
        'sleak;help;onboard' {
            break
        }
        'sleak;help;apply' {
            break
        }
        'sleak;help;status' {
            break
        }
        'sleak;help;destroy' {
            break
        }
        'sleak;help;vpn' {
            break
        }
        'sleak;help;doctor' {
            break
        }
        'sleak;help;unlock' {
            break
        }
        'sleak;help;cluster' {
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create a cluster, or bring it in line with sleak.toml: roles, EKS, node pools, plugins')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the workspace''s clusters with their state in AWS')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Show every resource of one cluster: ok, missing, changed or drifted')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete a cluster''s node pools, plugins, control plane and roles, and remove it from sleak.toml')
            break
        }
        'sleak;help;cluster;create' {
            break
        }
        'sleak;help;cluster;list' {
            break
        }
        'sleak;help;cluster;status' {
            break
        }
        'sleak;help;cluster;delete' {
            break
        }
        'sleak;help;kubeconfig' {
            break
        }
        'sleak;help;eks-token' {
            break
        }
        'sleak;help;project' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add a project (an ECR repository, and a namespace in each environment it joins)')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove a project and everything declared under it')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the projects')
            break
        }
        'sleak;help;project;add' {
            break
        }
        'sleak;help;project;remove' {
            break
        }
        'sleak;help;project;list' {
            break
        }
        'sleak;help;env' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add an environment: a subdomain of the domain, on a cluster')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove an environment (no project may still use it)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the environments')
            break
        }
        'sleak;help;env;add' {
            break
        }
        'sleak;help;env;remove' {
            break
        }
        'sleak;help;env;list' {
            break
        }
        'sleak;help;dep' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add a dependency to a project in an environment')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Delete a dependency''s resources (a database after a final snapshot) and remove it from sleak.toml')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List dependencies: state, endpoint and Secret of each')
            break
        }
        'sleak;help;dep;add' {
            break
        }
        'sleak;help;dep;remove' {
            break
        }
        'sleak;help;dep;list' {
            break
        }
        'sleak;help;service' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add a service to a project in an environment')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove a service')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List services')
            break
        }
        'sleak;help;service;add' {
            break
        }
        'sleak;help;service;remove' {
            break
        }
        'sleak;help;service;list' {
            break
        }
        'sleak;help;build' {
            break
        }
        'sleak;help;var' {
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Set variables: plain values in sleak.toml, secret values (`--secret`) in AWS Secrets Manager')
            [CompletionResult]::new('unset', 'unset', [CompletionResultType]::ParameterValue, 'Remove variables from a group (plain or secret)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the variables of a project''s environment, or the effective set of a service')
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'Print the effective value of one variable (a secret one masked unless `--reveal`)')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Import variables from a .env file: all or nothing')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Print the effective variables as a .env file, to run the app locally')
            [CompletionResult]::new('explain', 'explain', [CompletionResultType]::ParameterValue, 'Show every group that defines a variable, which one wins and why')
            break
        }
        'sleak;help;var;set' {
            break
        }
        'sleak;help;var;unset' {
            break
        }
        'sleak;help;var;list' {
            break
        }
        'sleak;help;var;get' {
            break
        }
        'sleak;help;var;import' {
            break
        }
        'sleak;help;var;export' {
            break
        }
        'sleak;help;var;explain' {
            break
        }
        'sleak;help;release' {
            break
        }
        'sleak;help;deploy' {
            break
        }
        'sleak;help;rollback' {
            break
        }
        'sleak;help;releases' {
            break
        }
        'sleak;help;logs' {
            break
        }
        'sleak;help;sandbox' {
            [CompletionResult]::new('up', 'up', [CompletionResultType]::ParameterValue, 'Start a local AWS emulator (moto) and the Kubernetes API stand-in, in the background')
            [CompletionResult]::new('down', 'down', [CompletionResultType]::ParameterValue, 'Stop what `sleak sandbox up` started, and say what was stopped')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Show each part of the sandbox: its PID, URL and whether it answers')
            [CompletionResult]::new('env', 'env', [CompletionResultType]::ParameterValue, 'Print the shell lines that point sleak, the aws CLI, kubectl and helm at the sandbox')
            [CompletionResult]::new('kube', 'kube', [CompletionResultType]::ParameterValue, 'Serve a Kubernetes API stand-in and write a kubeconfig for it')
            [CompletionResult]::new('stop', 'stop', [CompletionResultType]::ParameterValue, 'Stop the stand-in started with `sleak sandbox kube --background`')
            break
        }
        'sleak;help;sandbox;up' {
            break
        }
        'sleak;help;sandbox;down' {
            break
        }
        'sleak;help;sandbox;status' {
            break
        }
        'sleak;help;sandbox;env' {
            break
        }
        'sleak;help;sandbox;kube' {
            break
        }
        'sleak;help;sandbox;stop' {
            break
        }
        'sleak;help;demo' {
            break
        }
        'sleak;help;whoami' {
            break
        }
        'sleak;help;schema' {
            break
        }
        'sleak;help;completions' {
            break
        }
        'sleak;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
