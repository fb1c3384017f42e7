import { type GraphResult, type GraphTransport, segment } from "../http/transport.js";
import { CommerceSettingsResponse, type CommerceSettingsUpdate } from "../wire/catalog.js";
import { GraphSuccessResponse } from "../wire/common.js";
import {
  PhoneNumber,
  phoneNumberFields,
  RegisterPhoneNumberRequest,
  RequestVerificationCodeRequest,
  SetTwoStepPinRequest,
  VerifyCodeRequest,
} from "../wire/phone-number.js";

/**
 * Phone-number node calls. None of the mutations is retried here: register and deregister count
 * toward Meta's 10-per-72-hours limit (then `133016` blocks the number for 72 h), and a repeated
 * request_code sends the user another OTP.
 */

export function createPhoneNumbersApi(t: GraphTransport) {
  return {
    async get(
      token: string,
      phoneNumberId: string,
      fields: readonly string[] = phoneNumberFields(t.version),
    ): Promise<GraphResult<PhoneNumber>> {
      return t.call({
        method: "GET",
        path: segment(phoneNumberId),
        token,
        query: { fields: fields.join(",") },
        retry: true,
        schema: PhoneNumber,
      });
    },

    /** `pin` is the existing two-step PIN, or becomes it when two-step verification is not set. */
    async register(
      token: string,
      phoneNumberId: string,
      body: Omit<RegisterPhoneNumberRequest, "messaging_product">,
    ): Promise<GraphResult<GraphSuccessResponse>> {
      const json = RegisterPhoneNumberRequest.parse({ messaging_product: "whatsapp", ...body });
      return t.call({
        method: "POST",
        path: `${segment(phoneNumberId)}/register`,
        token,
        json,
        retry: false,
        schema: GraphSuccessResponse,
      });
    },

    async deregister(token: string, phoneNumberId: string): Promise<GraphResult<GraphSuccessResponse>> {
      return t.call({
        method: "POST",
        path: `${segment(phoneNumberId)}/deregister`,
        token,
        retry: false,
        schema: GraphSuccessResponse,
      });
    },

    async requestCode(
      token: string,
      phoneNumberId: string,
      body: RequestVerificationCodeRequest,
    ): Promise<GraphResult<GraphSuccessResponse>> {
      const json = RequestVerificationCodeRequest.parse(body);
      return t.call({
        method: "POST",
        path: `${segment(phoneNumberId)}/request_code`,
        token,
        json,
        retry: false,
        schema: GraphSuccessResponse,
      });
    },

    async verifyCode(
      token: string,
      phoneNumberId: string,
      body: VerifyCodeRequest,
    ): Promise<GraphResult<GraphSuccessResponse>> {
      const json = VerifyCodeRequest.parse(body);
      return t.call({
        method: "POST",
        path: `${segment(phoneNumberId)}/verify_code`,
        token,
        json,
        retry: false,
        schema: GraphSuccessResponse,
      });
    },

    /** Sets or changes the two-step PIN. There is no API to disable two-step verification. */
    async setTwoStepPin(token: string, phoneNumberId: string, pin: string): Promise<GraphResult<GraphSuccessResponse>> {
      const json = SetTwoStepPinRequest.parse({ pin });
      return t.call({
        method: "POST",
        path: segment(phoneNumberId),
        token,
        json,
        retry: false,
        schema: GraphSuccessResponse,
      });
    },

    async getCommerceSettings(token: string, phoneNumberId: string): Promise<GraphResult<CommerceSettingsResponse>> {
      return t.call({
        method: "GET",
        path: `${segment(phoneNumberId)}/whatsapp_commerce_settings`,
        token,
        retry: true,
        schema: CommerceSettingsResponse,
      });
    },

    /** Meta's OpenAPI file takes the two flags as query parameters of the POST. */
    async setCommerceSettings(
      token: string,
      phoneNumberId: string,
      update: CommerceSettingsUpdate,
    ): Promise<GraphResult<GraphSuccessResponse>> {
      return t.call({
        method: "POST",
        path: `${segment(phoneNumberId)}/whatsapp_commerce_settings`,
        token,
        query: { is_cart_enabled: update.is_cart_enabled, is_catalog_visible: update.is_catalog_visible },
        retry: false,
        schema: GraphSuccessResponse,
      });
    },
  };
}

export type PhoneNumbersApi = ReturnType<typeof createPhoneNumbersApi>;
