package dev.storefront.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** Reading single resources and their nested properties out of a synthesized template. */
final class Resources {

    private Resources() {
    }

    /** The logical id of the one resource of this type whose properties match. */
    static String logicalId(Template template, String type, Map<String, ?> properties) {
        Map<String, Map<String, Object>> found = template.findResources(type,
                Map.of("Properties", Match.objectLike(properties)));
        assertEquals(1, found.size(), () -> "expected one " + type + " like " + properties + ", found " + found.keySet());
        return found.keySet().iterator().next();
    }

    /** The properties of the one resource of this type whose properties match. */
    static Map<String, Object> properties(Template template, String type, Map<String, ?> properties) {
        String id = logicalId(template, type, properties);
        return map(template.findResources(type).get(id).get("Properties"));
    }

    /** The ECS service with this name. */
    static Map<String, Object> ecsService(Template template, String name) {
        return properties(template, "AWS::ECS::Service", Map.of("ServiceName", name));
    }

    /** The task definition of this service (family storefront-name). */
    static Map<String, Object> taskDefinition(Template template, String service) {
        return properties(template, "AWS::ECS::TaskDefinition", Map.of("Family", "storefront-" + service));
    }

    /** The auto scaling target of this service's task count. */
    static Map<String, Object> scalableTarget(Template template, String service) {
        String serviceId = logicalId(template, "AWS::ECS::Service", Map.of("ServiceName", service));
        return properties(template, "AWS::ApplicationAutoScaling::ScalableTarget", Map.of(
                "ResourceId", Map.of("Fn::Join", Match.arrayWith(List.of(
                        Match.arrayWith(List.of(getAtt(serviceId, "Name"))))))));
    }

    /** The logical id of the target group the public ALB's listener forwards to. */
    static String publicTargetGroup(Template template) {
        String alb = logicalId(template, "AWS::ElasticLoadBalancingV2::LoadBalancer", Map.of("Scheme", "internet-facing"));
        Map<String, Object> listener = properties(template, "AWS::ElasticLoadBalancingV2::Listener", Map.of(
                "LoadBalancerArn", ref(alb),
                "DefaultActions", List.of(Match.objectLike(Map.of("Type", "forward")))));
        return (String) map(map(list(listener.get("DefaultActions")).get(0)).get("TargetGroupArn")).get("Ref");
    }

    /** The container definition with this name in the service's task definition. */
    static Map<String, Object> container(Template template, String service, String containerName) {
        return list(taskDefinition(template, service).get("ContainerDefinitions")).stream()
                .map(Resources::map)
                .filter(container -> containerName.equals(container.get("Name")))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no container " + containerName + " in " + service));
    }

    /** The plain environment of a container, as name → value (values may be CloudFormation tokens). */
    static Map<String, Object> environment(Map<String, Object> container) {
        return list(container.getOrDefault("Environment", List.of())).stream()
                .map(Resources::map)
                .collect(java.util.stream.Collectors.toMap(e -> (String) e.get("Name"), e -> e.get("Value")));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object value) {
        return (List<Object>) value;
    }

    static int integer(Object value) {
        return value instanceof Number number ? number.intValue() : Integer.parseInt(String.valueOf(value));
    }

    /** {@code {"Ref": logicalId}}. */
    static Map<String, Object> ref(String logicalId) {
        return Map.of("Ref", logicalId);
    }

    /** {@code {"Fn::GetAtt": [logicalId, attribute]}}. */
    static Map<String, Object> getAtt(String logicalId, String attribute) {
        return Map.of("Fn::GetAtt", List.of(logicalId, attribute));
    }
}
