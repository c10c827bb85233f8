package dev.ordersystem.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.UncategorizedSQLException;

class DatabaseRefusalsTests {

    @Test
    void aDataExceptionIsTheRequestsFault() {
        var problem = DatabaseRefusals.problemOf(
                new UncategorizedSQLException("insert", "insert ...", new SQLException("invalid byte", "22021")));

        assertThat(problem).isNotNull();
        assertThat(problem.getStatus()).isEqualTo(400);
        assertThat(problem.getType()).hasToString("urn:ordersystem:problem:invalid-data");
    }

    @Test
    void aViolatedConstraintIsAConflict() {
        var problem = DatabaseRefusals.problemOf(
                new DataIntegrityViolationException("duplicate key", new SQLException("duplicate", "23505")));

        assertThat(problem).isNotNull();
        assertThat(problem.getStatus()).isEqualTo(409);
        assertThat(problem.getType()).hasToString("urn:ordersystem:problem:conflict");
    }

    @Test
    void anyOtherErrorIsNoRefusal() {
        assertThat(DatabaseRefusals.problemOf(new SQLException("syntax error", "42601")))
                .isNull();
        assertThat(DatabaseRefusals.problemOf(new IllegalStateException("a bug")))
                .isNull();
    }
}
