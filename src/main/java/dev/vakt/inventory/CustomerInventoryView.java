package dev.vakt.inventory;

import dev.vakt.access.Tenancy;
import dev.vakt.common.CustomerRedaction;
import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

/**
 * The inventory's answers as a customer's user may see them (issue 16, item 7; F11): whatever the
 * access rules let a customer read of customers, clusters, servers and services (today its own
 * customer record; the rest is staff's), the provider's access paths and secret references are
 * taken out by {@link CustomerRedaction}. Staff get the answers unchanged.
 */
@ControllerAdvice(assignableTypes = InventoryController.class)
class CustomerInventoryView implements ResponseBodyAdvice<Object> {

  private final Tenancy tenancy;

  CustomerInventoryView(Tenancy tenancy) {
    this.tenancy = tenancy;
  }

  @Override
  public boolean supports(
      MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
    return true;
  }

  @Override
  public Object beforeBodyWrite(
      Object body,
      MethodParameter returnType,
      MediaType selectedContentType,
      Class<? extends HttpMessageConverter<?>> selectedConverterType,
      ServerHttpRequest request,
      ServerHttpResponse response) {
    if (body == null
        || tenancy.onlyCustomer().isEmpty()
        || body instanceof org.springframework.http.ProblemDetail) {
      return body;
    }
    return CustomerRedaction.redacted(body);
  }
}
