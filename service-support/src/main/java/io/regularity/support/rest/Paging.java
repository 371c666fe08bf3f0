package io.regularity.support.rest;

import java.util.List;

import org.jboss.resteasy.reactive.RestResponse;

import io.regularity.support.FieldError;
import io.regularity.support.SupportPhrases;
import io.regularity.support.Refusal;
import jakarta.ws.rs.core.UriInfo;

/**
 * Lists that grow are paged ({@code ?page=0&size=50}, size 1–500, page 0–1,000,000); a bad one is a 400 naming
 * {@code page} or {@code size}. For the lists whose body the contract gives as a plain array (races, crews), the
 * array stays and the paging is said in headers: {@code X-Total-Count} and an RFC 8288 {@code Link} to the next page.
 */
public final class Paging {

    public static final int MAX_SIZE = 500;
    /** Far beyond any race's list at any page size, and page × size stays an int. */
    public static final long MAX_PAGE = 1_000_000;

    private Paging() {
    }

    /** The page number, checked with its size: or a 400 that says which is out of bounds. */
    public static int check(long page, int size) {
        if (page < 0 || page > MAX_PAGE || size < 1 || size > MAX_SIZE) {
            String field = page < 0 || page > MAX_PAGE ? "page" : "size";
            throw Refusal.invalid(SupportPhrases.BAD_PAGING.with(), List.of(new FieldError(field, SupportPhrases.PAGING_RANGE, MAX_PAGE, MAX_SIZE)));
        }
        return (int) page;
    }

    /**
     * One page of a whole list as a JSON array, with {@code X-Total-Count} and, when more follow, {@code Link: <…>; rel="next"}.
     * Without {@code size} a page holds 500, so a list that fits is answered whole, as it was before it was paged.
     */
    public static <T> RestResponse<List<T>> array(List<T> all, long page, Integer size, UriInfo uri) {
        int n = size == null ? MAX_SIZE : size;
        int p = check(page, n);
        int from = (int) Math.min((long) p * n, all.size());
        int to = (int) Math.min((long) from + n, all.size());
        RestResponse.ResponseBuilder<List<T>> response = RestResponse.ResponseBuilder.ok(all.subList(from, to))
                .header("X-Total-Count", all.size());
        if (to < all.size()) {
            response.header("Link", "<" + uri.getRequestUriBuilder().replaceQueryParam("page", p + 1).replaceQueryParam("size", n).build()
                    + ">; rel=\"next\"");
        }
        return response.build();
    }
}
