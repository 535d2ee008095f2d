using System.Text.RegularExpressions;
using Cluster.Tests.Infrastructure;
using TestSupport;
using YamlDotNet.RepresentationModel;

namespace Cluster.Tests.Deployment;

/// <summary>
/// What can be checked of the container and Kubernetes files without a Docker engine: they parse,
/// they name the projects that exist, their entry points exist in the published output, and their
/// timings fit the hosts' own shutdown timeout.
/// Runs in the same collection as the process tests: its two <c>dotnet publish</c> runs would otherwise take
/// a core from silos being killed and restarted next to it.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed partial class DeployFilesTests
{
    private const int SiloShutdownSeconds = 30;
    private static readonly string Deploy = Path.Combine(RepositoryPaths.Root, "deploy");

    [Fact]
    public void Compose_file_runs_postgres_the_schema_silos_gateways_and_nginx()
    {
        var services = (YamlMappingNode)Load(Path.Combine(Deploy, "docker", "compose.yaml"))["services"];
        var names = services.Children.Keys.Select(k => ((YamlScalarNode)k).Value).ToHashSet();
        Assert.Superset(new HashSet<string?> { "postgres", "schema", "silo", "gateway", "nginx" }, names);

        foreach (var (service, project) in new[] { ("silo", "Silo"), ("gateway", "Gateway") })
        {
            var node = (YamlMappingNode)services[service];
            var build = (YamlMappingNode)node["build"];
            var dockerfile = Path.GetFullPath(Path.Combine(Deploy, "docker", Scalar(build["context"]), Scalar(build["dockerfile"])));
            Assert.True(File.Exists(dockerfile), dockerfile);
            Assert.Equal($"/app/{project}.dll", EntryPointAssembly(dockerfile));
            Assert.True(int.Parse(Scalar(((YamlMappingNode)node["deploy"])["replicas"]), System.Globalization.CultureInfo.InvariantCulture) >= 2);
            Assert.True(Seconds(Scalar(node["stop_grace_period"])) > SiloShutdownSeconds, $"{service}: stop grace period must exceed the shutdown timeout");
        }

        var gatewayEnvironment = (YamlMappingNode)((YamlMappingNode)services["gateway"])["environment"];
        Assert.Contains(gatewayEnvironment.Children.Keys, k => Scalar(k) == "Auth__SigningKey");
        var siloEnvironment = (YamlMappingNode)((YamlMappingNode)services["silo"])["environment"];
        Assert.Contains(siloEnvironment.Children.Keys, k => Scalar(k) == "Wallet__EncryptionKey");

        // The gateways trust X-Forwarded-For from nginx's fixed address, and from nothing else.
        var nginxAddress = Scalar(((YamlMappingNode)((YamlMappingNode)((YamlMappingNode)services["nginx"])["networks"])["default"])["ipv4_address"]);
        Assert.Equal(nginxAddress, Scalar(gatewayEnvironment["Gateway__KnownProxies"]));
        // nginx finds scaled or restarted gateways by asking Docker's DNS again: "resolve" on the upstream server
        // (open-source nginx 1.27.3 and later), a shared zone for it, and Docker's resolver.
        var nginxImage = Scalar(((YamlMappingNode)services["nginx"])["image"]);
        var nginxVersion = Version.Parse(nginxImage[(nginxImage.IndexOf(':', StringComparison.Ordinal) + 1)..]);
        Assert.True(nginxVersion >= new Version(1, 27, 3), $"{nginxImage} predates upstream re-resolution");
        var nginxConf = File.ReadAllText(Path.Combine(Deploy, "docker", "nginx.conf"));
        Assert.Matches(@"resolver 127\.0\.0\.11 valid=\d+s;", nginxConf);
        Assert.Matches(@"upstream gateways \{[^}]*zone gateways [^;]+;[^}]*server gateway:8080 resolve[ ;]", nginxConf);
        var schema = (YamlMappingNode)services["schema"];
        Assert.Contains("apply.sh", string.Join(' ', ((YamlSequenceNode)schema["entrypoint"]).Children.Select(Scalar)));
    }

    [Fact]
    public void Dockerfiles_copy_only_paths_that_exist_and_run_as_a_non_root_user_with_a_health_check()
    {
        foreach (var dockerfile in Directory.GetFiles(Path.Combine(Deploy, "docker"), "Dockerfile.*"))
        {
            var text = File.ReadAllText(dockerfile);
            foreach (Match copy in CopyLine().Matches(text))
            {
                var sources = copy.Groups["args"].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries)[..^1];
                foreach (var source in sources)
                    Assert.True(File.Exists(Path.Combine(RepositoryPaths.Root, source)) || Directory.Exists(Path.Combine(RepositoryPaths.Root, source)), $"{Path.GetFileName(dockerfile)} copies missing {source}");
            }

            Assert.Contains("USER $APP_UID", text);
            Assert.Contains("HEALTHCHECK", text);
            Assert.Equal(2, Regex.Matches(text, "^FROM ", RegexOptions.Multiline).Count);
        }
    }

    [Theory]
    [InlineData("Silo")]
    [InlineData("Gateway")]
    public void Published_output_has_the_entry_point_and_its_probe_command_works(string project)
    {
        var output = Path.Combine(Path.GetTempPath(), "publish-" + project + "-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            Command.Run("dotnet", ["publish", Path.Combine(RepositoryPaths.Root, project, project + ".csproj"), "-c", RepositoryPaths.Configuration, "--no-build", "-o", output, "-nologo", "-v:q"], timeout: TimeSpan.FromMinutes(5));
            var dll = Path.Combine(output, project + ".dll");
            Assert.True(File.Exists(dll), dll);
            Assert.True(File.Exists(Path.Combine(output, project + ".runtimeconfig.json")));

            // The container health check: a probe of a port nobody listens on must fail, with exit code 1.
            var failure = Assert.Throws<InvalidOperationException>(() => Command.Run("dotnet", [dll, "probe", $"http://127.0.0.1:{FreePort.Next()}/health/ready"]));
            Assert.Contains("exited 1", failure.Message);
        }
        finally
        {
            if (Directory.Exists(output))
                Directory.Delete(output, recursive: true);
        }
    }

    [Fact]
    public void Kubernetes_deployments_have_probes_disruption_budgets_secrets_and_pod_ip_advertising()
    {
        var documents = RenderedManifests().Concat(LoadAll(Path.Combine(Deploy, "k8s", "secret.example.yaml"))).ToList();
        var deployments = documents.Where(d => Scalar(d["kind"]) == "Deployment").ToList();
        Assert.Equal(["gateway", "silo"], deployments.Select(d => Scalar(((YamlMappingNode)d["metadata"])["name"])).Order());
        Assert.Equal(2, documents.Count(d => Scalar(d["kind"]) == "PodDisruptionBudget"));
        Assert.Contains(documents, d => Scalar(d["kind"]) == "Service");

        var secret = documents.Single(d => Scalar(d["kind"]) == "Secret");
        var secretKeys = ((YamlMappingNode)secret["stringData"]).Children.Keys.Select(Scalar).ToHashSet();
        Assert.Superset(new HashSet<string> { "ConnectionStrings__Postgres", "Auth__SigningKey", "Wallet__EncryptionKey", "Cluster__ClusterId", "Cluster__ServiceId" }, secretKeys);

        foreach (var deployment in deployments)
        {
            var pod = (YamlMappingNode)((YamlMappingNode)((YamlMappingNode)deployment["spec"])["template"])["spec"];
            Assert.True(int.Parse(Scalar(pod["terminationGracePeriodSeconds"]), System.Globalization.CultureInfo.InvariantCulture) > SiloShutdownSeconds);
            var container = (YamlMappingNode)((YamlSequenceNode)pod["containers"]).Children[0];
            foreach (var probe in new[] { "startupProbe", "readinessProbe", "livenessProbe" })
                Assert.True(container.Children.ContainsKey(probe), $"{probe} missing");
            Assert.Contains(((YamlSequenceNode)container["envFrom"]).Children, e => ((YamlMappingNode)e).Children.ContainsKey("secretRef"));
        }

        var gatewayYaml = File.ReadAllText(Path.Combine(Deploy, "k8s", "gateway.yaml"));
        Assert.Matches(@"name: Gateway__KnownProxies, value: ""[0-9./]+""", gatewayYaml);
        Assert.Contains("Gateway__KnownProxies=127.0.0.1", File.ReadAllText(Path.Combine(Deploy, "local", "cluster.sh")), StringComparison.Ordinal);

        var silo = deployments.Single(d => Scalar(((YamlMappingNode)d["metadata"])["name"]) == "silo");
        var siloYaml = File.ReadAllText(Path.Combine(Deploy, "k8s", "silo.yaml"));
        Assert.Matches(@"Cluster__AdvertisedAddress\s+valueFrom:\s+fieldRef: \{ fieldPath: status\.podIP \}", siloYaml);
        Assert.NotNull(silo);
    }

    /// <summary>
    /// Orleans' Kubernetes hosting in the silo pods: the pods carry the labels it selects by, equal to the service and
    /// cluster ids every process reads from the Secret; the pod's name, namespace and address come from the downward
    /// API; and the silo's service account may read pods and nothing more.
    /// </summary>
    [Fact]
    public void Silo_pods_carry_what_Orleans_Kubernetes_hosting_needs_and_may_only_read_pods()
    {
        var documents = RenderedManifests();
        var secret = (YamlMappingNode)Load(Path.Combine(Deploy, "k8s", "secret.example.yaml"))["stringData"];
        var template = (YamlMappingNode)((YamlMappingNode)documents.Single(d => Scalar(d["kind"]) == "Deployment" && Scalar(((YamlMappingNode)d["metadata"])["name"]) == "silo")["spec"])["template"];
        var labels = (YamlMappingNode)((YamlMappingNode)template["metadata"])["labels"];
        Assert.Equal(Scalar(secret["Cluster__ServiceId"]), Scalar(labels["orleans/serviceId"]));
        Assert.Equal(Scalar(secret["Cluster__ClusterId"]), Scalar(labels["orleans/clusterId"]));

        var pod = (YamlMappingNode)template["spec"];
        var container = (YamlMappingNode)((YamlSequenceNode)pod["containers"]).Children[0];
        var fromPod = ((YamlSequenceNode)container["env"]).Children.Cast<YamlMappingNode>()
            .Where(e => e.Children.ContainsKey("valueFrom"))
            .ToDictionary(e => Scalar(e["name"]), e => Scalar(((YamlMappingNode)((YamlMappingNode)e["valueFrom"])["fieldRef"])["fieldPath"]));
        Assert.Equal("metadata.name", fromPod["POD_NAME"]);
        Assert.Equal("metadata.namespace", fromPod["POD_NAMESPACE"]);
        Assert.Equal("status.podIP", fromPod["POD_IP"]);

        var account = Scalar(pod["serviceAccountName"]);
        Assert.Contains(documents, d => Scalar(d["kind"]) == "ServiceAccount" && Scalar(((YamlMappingNode)d["metadata"])["name"]) == account);
        var binding = documents.Single(d => Scalar(d["kind"]) == "RoleBinding");
        Assert.Contains(((YamlSequenceNode)binding["subjects"]).Children.Cast<YamlMappingNode>(), s => Scalar(s["name"]) == account);
        var roleName = Scalar(((YamlMappingNode)binding["roleRef"])["name"]);
        var role = documents.Single(d => Scalar(d["kind"]) == "Role" && Scalar(((YamlMappingNode)d["metadata"])["name"]) == roleName);
        var rule = (YamlMappingNode)((YamlSequenceNode)role["rules"]).Children.Single();
        Assert.Equal(["pods"], ((YamlSequenceNode)rule["resources"]).Children.Select(Scalar));
        Assert.Equal(["get", "list", "watch"], ((YamlSequenceNode)rule["verbs"]).Children.Select(Scalar).Order());
    }

    /// <summary>
    /// The "restricted" Pod Security Standard, field by field (no cluster here to admit the pods): non-root with a
    /// non-zero user, RuntimeDefault seccomp, no host namespaces, only emptyDir/secret/configMap volumes, and every
    /// container without privilege or privilege escalation, with every capability dropped and a read-only root.
    /// </summary>
    [Fact]
    public void Kubernetes_pods_pass_the_restricted_pod_security_standard()
    {
        var deployments = RenderedManifests().Where(d => Scalar(d["kind"]) == "Deployment").ToList();
        Assert.NotEmpty(deployments);
        foreach (var deployment in deployments)
        {
            var name = Scalar(((YamlMappingNode)deployment["metadata"])["name"]);
            var pod = (YamlMappingNode)((YamlMappingNode)((YamlMappingNode)deployment["spec"])["template"])["spec"];
            var podSecurity = (YamlMappingNode)pod["securityContext"];
            Assert.Equal("true", Scalar(podSecurity["runAsNonRoot"]));
            Assert.NotEqual("0", Scalar(podSecurity["runAsUser"]));
            Assert.Equal("RuntimeDefault", Scalar(((YamlMappingNode)podSecurity["seccompProfile"])["type"]));
            foreach (var host in new[] { "hostNetwork", "hostPID", "hostIPC" })
                Assert.False(pod.Children.ContainsKey(host) && Scalar(pod[host]) == "true", $"{name}: {host}");

            var volumes = pod.Children.TryGetValue("volumes", out var v) ? ((YamlSequenceNode)v).Children.Cast<YamlMappingNode>().ToList() : [];
            foreach (var volume in volumes)
                Assert.Contains(volume.Children.Keys.Select(Scalar).Single(k => k != "name"), new[] { "emptyDir", "secret", "configMap", "projected" });

            foreach (var container in ((YamlSequenceNode)pod["containers"]).Children.Cast<YamlMappingNode>())
            {
                var security = (YamlMappingNode)container["securityContext"];
                Assert.Equal("false", Scalar(security["allowPrivilegeEscalation"]));
                Assert.Equal("true", Scalar(security["readOnlyRootFilesystem"]));
                Assert.False(security.Children.ContainsKey("privileged") && Scalar(security["privileged"]) == "true", $"{name}: privileged");
                var capabilities = (YamlMappingNode)security["capabilities"];
                Assert.Equal(["ALL"], ((YamlSequenceNode)capabilities["drop"]).Children.Select(Scalar));
                Assert.False(capabilities.Children.ContainsKey("add"), $"{name}: adds capabilities");

                // A read-only root needs somewhere to write: /tmp, from one of the pod's own volumes.
                var mounts = ((YamlSequenceNode)container["volumeMounts"]).Children.Cast<YamlMappingNode>().ToList();
                var tmp = mounts.Single(m => Scalar(m["mountPath"]) == "/tmp");
                Assert.Contains(volumes, volume => Scalar(volume["name"]) == Scalar(tmp["name"]) && volume.Children.ContainsKey("emptyDir"));
            }
        }
    }

    [Fact]
    public void Local_nginx_template_renders_to_a_configuration_nginx_accepts()
    {
        var folder = Path.Combine(Path.GetTempPath(), "nginx-check-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(Path.Combine(folder, "logs"));
        Directory.CreateDirectory(Path.Combine(folder, "nginx-tmp"));
        try
        {
            // Rendered as deploy/local/cluster.sh does: placeholders replaced, the lone @UPSTREAMS@ line swapped for servers.
            var lines = File.ReadAllLines(Path.Combine(Deploy, "nginx", "nginx.conf.template"))
                .Select(line => line == "@UPSTREAMS@" ? "        server 127.0.0.1:5101;\n        server 127.0.0.1:5102;" : line)
                .Select(line => line.Replace("@STATE@", folder, StringComparison.Ordinal).Replace("@PORT@", FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));
            var rendered = string.Join('\n', lines);
            var config = Path.Combine(folder, "nginx.conf");
            File.WriteAllText(config, rendered);
            var nginx = File.Exists("/usr/sbin/nginx") ? "/usr/sbin/nginx" : "nginx";
            var result = Command.Run(nginx, ["-t", "-c", config, "-p", folder]);
            Assert.Contains("test is successful", result);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static YamlMappingNode Load(string path) => LoadAll(path).Single();

    /// <summary>
    /// The manifests as Kubernetes would get them: <c>kubectl kustomize deploy/k8s</c> (tests/run.sh installs Debian's
    /// kubernetes-client when the machine has no kubectl), parsed. Every manifest file must be in the kustomization.
    /// </summary>
    private static List<YamlMappingNode> RenderedManifests()
    {
        var rendered = Command.Run("kubectl", ["kustomize", Path.Combine(Deploy, "k8s")]);
        var stream = new YamlStream();
        stream.Load(new StringReader(rendered));
        var documents = stream.Documents.Select(d => (YamlMappingNode)d.RootNode).ToList();
        foreach (var file in Directory.GetFiles(Path.Combine(Deploy, "k8s"), "*.yaml").Where(f => !f.EndsWith("kustomization.yaml", StringComparison.Ordinal) && !f.EndsWith(".example.yaml", StringComparison.Ordinal)))
        {
            foreach (var document in LoadAll(file))
            {
                var kind = Scalar(document["kind"]);
                var name = Scalar(((YamlMappingNode)document["metadata"])["name"]);
                Assert.True(documents.Any(d => Scalar(d["kind"]) == kind && Scalar(((YamlMappingNode)d["metadata"])["name"]) == name),
                    $"{kind} {name} from {Path.GetFileName(file)} is not in what kustomize renders");
            }
        }

        return documents;
    }

    private static IEnumerable<YamlMappingNode> LoadAll(string path)
    {
        var stream = new YamlStream();
        using var reader = new StreamReader(path);
        stream.Load(reader);
        return stream.Documents.Select(d => (YamlMappingNode)d.RootNode).ToList();
    }

    private static string Scalar(YamlNode node) => ((YamlScalarNode)node).Value ?? string.Empty;

    private static int Seconds(string duration) => int.Parse(duration.TrimEnd('s'), System.Globalization.CultureInfo.InvariantCulture);

    private static string EntryPointAssembly(string dockerfile)
    {
        var entry = File.ReadAllLines(dockerfile).Single(l => l.StartsWith("ENTRYPOINT", StringComparison.Ordinal));
        return Regex.Match(entry, "\"(/app/[^\"]+\\.dll)\"").Groups[1].Value;
    }

    [GeneratedRegex(@"^COPY (?!--from)(?<args>.+)$", RegexOptions.Multiline)]
    private static partial Regex CopyLine();
}
