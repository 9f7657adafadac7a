package org.compliancebot.bot.app.wiring;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.compliancebot.bot.change.ChangeClass;
import org.compliancebot.bot.change.ChangeDescription;
import org.compliancebot.bot.change.ChangeType;
import org.compliancebot.bot.change.CrKind;
import org.compliancebot.bot.change.ImpactAssessment;
import org.compliancebot.bot.change.ImpactLevel;
import org.compliancebot.bot.change.Likelihood;
import org.compliancebot.bot.change.Risk;
import org.compliancebot.bot.change.RiskAssessment;
import org.compliancebot.bot.change.RiskImpact;
import org.compliancebot.bot.change.workflow.AssessmentInput;
import org.compliancebot.bot.change.workflow.NewChange;
import org.compliancebot.bot.http.service.ApiException;

/**
 * The JSON bodies of the change request routes, read into the workflow's inputs; the same choices as
 * the chat commands ({@code !cr new}, {@code !cr assess}).
 *
 * <pre>
 * create: {"summary": "...", "details": "...", "type": "normal|standard", "class": "standard|normal|significant",
 *          "categories": ["governance"], "modules": ["api"]}
 * assess: {"impact": "medium" | {"technical": "high", "tenant": "low", "compliance": "low", "operational": "low"},
 *          "risks": [{"likelihood": "possible", "impact": "moderate", "description": "..."}],
 *          "request_approval": true}
 *         ("risk": "possible/moderate" is a shorthand for a single risk)
 * </pre>
 */
final class ChangeBodies {
    private static final List<String> DIMENSIONS = List.of("technical", "tenant", "compliance", "operational");

    private ChangeBodies() {}

    static NewChange newChange(JsonNode body) {
        ChangeType type = Bodies.optionalText(body, "type").map(t -> Bodies.choice("type", t, ChangeType::parse,
                names(ChangeType.values()))).orElse(ChangeType.NORMAL);
        if (type == ChangeType.EMERGENCY) {
            throw ApiException.invalid("type: emergency changes are declared by the highest authority in chat (!cr emergency)");
        }
        ChangeClass cls = Bodies.optionalText(body, "class").map(c -> Bodies.choice("class", c, ChangeClass::parse,
                names(ChangeClass.values()))).orElse(null);
        try {
            return new NewChange(CrKind.MANUAL, type, cls, new ChangeDescription(Bodies.text(body, "summary"),
                    Bodies.optionalText(body, "details").orElse(""), Bodies.strings(body, "modules"), List.of(),
                    new LinkedHashSet<>(Bodies.strings(body, "categories"))));
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid(e.getMessage());
        }
    }

    static AssessmentInput assessment(JsonNode body) {
        return AssessmentInput.of(impact(body.get("impact")), new RiskAssessment(risks(body)));
    }

    private static ImpactAssessment impact(JsonNode n) {
        if (n == null || n.isNull()) {
            throw ApiException.invalid("impact is required: a level (" + names(ImpactLevel.values())
                    + ") or an object with " + DIMENSIONS);
        }
        if (n.isTextual()) {
            return ImpactAssessment.uniform(level("impact", n.asText()));
        }
        if (!n.isObject()) {
            throw ApiException.invalid("impact must be a level or an object with " + DIMENSIONS);
        }
        Map<String, ImpactLevel> levels = new java.util.HashMap<>();
        for (String d : DIMENSIONS) {
            JsonNode v = n.get(d);
            if (v == null || !v.isTextual()) {
                throw ApiException.invalid("impact." + d + " is required (" + names(ImpactLevel.values()) + ")");
            }
            levels.put(d, level("impact." + d, v.asText()));
        }
        return ImpactAssessment.stated(levels.get("technical"), levels.get("tenant"), levels.get("compliance"),
                levels.get("operational"));
    }

    private static List<Risk> risks(JsonNode body) {
        List<Risk> out = new ArrayList<>();
        if (body.hasNonNull("risk")) {
            String[] parts = Bodies.text(body, "risk").split("/");
            if (parts.length != 2) {
                throw ApiException.invalid("risk must be <likelihood>/<impact>, e.g. possible/moderate");
            }
            out.add(Risk.of("RISK-1", "risk 1", likelihood("risk", parts[0]), riskImpact("risk", parts[1])));
        }
        JsonNode list = body.get("risks");
        if (list != null && !list.isNull()) {
            if (!list.isArray()) {
                throw ApiException.invalid("risks must be an array of {likelihood, impact, description}");
            }
            for (JsonNode r : list) {
                int i = out.size() + 1;
                String field = "risks[" + (i - 1) + "]";
                if (!r.isObject()) {
                    throw ApiException.invalid(field + " must be an object");
                }
                out.add(Risk.of("RISK-" + i, Bodies.optionalText(r, "description").orElse("risk " + i),
                        likelihood(field + ".likelihood", Bodies.text(r, "likelihood")),
                        riskImpact(field + ".impact", Bodies.text(r, "impact"))));
            }
        }
        if (out.isEmpty()) {
            throw ApiException.invalid("at least one risk is required: risks [{likelihood, impact}] or risk \"<likelihood>/<impact>\"");
        }
        return out;
    }

    private static ImpactLevel level(String field, String v) {
        return Bodies.choice(field, v, ImpactLevel::parse, names(ImpactLevel.values()));
    }

    private static Likelihood likelihood(String field, String v) {
        return Bodies.choice(field, v.strip(), Likelihood::parse,
                Arrays.stream(Likelihood.values()).map(Likelihood::key).collect(Collectors.joining(", ")));
    }

    private static RiskImpact riskImpact(String field, String v) {
        return Bodies.choice(field, v.strip(), RiskImpact::parse,
                Arrays.stream(RiskImpact.values()).map(RiskImpact::key).collect(Collectors.joining(", ")));
    }

    static String names(Enum<?>[] values) {
        return Arrays.stream(values).map(e -> e.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'))
                .collect(Collectors.joining(", "));
    }
}
