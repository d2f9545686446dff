package dev.storefront.infra;

import software.amazon.awscdk.services.ec2.IVpc;
import software.amazon.awscdk.services.ecs.Cluster;
import software.amazon.awscdk.services.ecs.CloudMapNamespaceOptions;
import software.amazon.awscdk.services.ecs.ContainerInsights;
import software.amazon.awscdk.services.ecs.ICluster;
import software.amazon.awscdk.services.servicediscovery.NamespaceType;
import software.constructs.Construct;

/**
 * The ECS cluster: Container Insights with enhanced observability (per-task and per-container
 * metrics), and the Cloud Map namespace that Service Connect uses by default.
 *
 * <p>The namespace is an HTTP (API-only) namespace: Service Connect resolves names in its own
 * proxy, so it needs no Route 53 private hosted zone
 * (<a href="https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service-connect-concepts.html">
 * Service Connect concepts</a>).
 */
public final class StorefrontCluster extends Construct {

    /**
     * @param vpc       the VPC of the tasks
     * @param namespace the Service Connect namespace; default {@code storefront}, which makes the
     *                  client aliases {@code orders.storefront} and {@code payments.storefront}
     */
    public record Props(IVpc vpc, String namespace) {
        /** The {@code storefront} namespace in the given VPC. */
        public static Props of(IVpc vpc) {
            return new Props(vpc, "storefront");
        }
    }

    private final Cluster cluster;
    private final String namespace;

    /** Creates the cluster and its Service Connect namespace. */
    public StorefrontCluster(Construct scope, String id, Props props) {
        super(scope, id);
        this.namespace = props.namespace();
        this.cluster = Cluster.Builder.create(this, "Cluster")
                .vpc(props.vpc())
                .containerInsightsV2(ContainerInsights.ENHANCED)
                .defaultCloudMapNamespace(CloudMapNamespaceOptions.builder()
                        .name(props.namespace())
                        .type(NamespaceType.HTTP)
                        .useForServiceConnect(true)
                        .build())
                .build();
    }

    /** The ECS cluster. */
    public ICluster cluster() {
        return cluster;
    }

    /** The Service Connect namespace name, the DNS suffix of the client aliases. */
    public String namespace() {
        return namespace;
    }
}
