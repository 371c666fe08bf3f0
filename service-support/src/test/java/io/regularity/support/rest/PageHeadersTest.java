package io.regularity.support.rest;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class PageHeadersTest {

    @Test
    void aPageShowsImagesFromItsOwnServiceAndTheTileServerItNamesAndNoOther() {
        String policy = PageHeaders.policy(List.of("http://localhost:8081/"), List.of("https://{s}.tile.example.org/{z}/{x}/{y}.png"), "'none'");
        assertTrue(policy.contains("img-src 'self' data: blob: https://*.tile.example.org;"), policy);
        assertTrue(policy.contains("connect-src 'self' http://localhost:8081;"), policy);
        String none = PageHeaders.policy(List.of(), List.of(), "*");
        assertTrue(none.contains("img-src 'self' data: blob:;") && none.endsWith("frame-ancestors *"), none);
    }
}
